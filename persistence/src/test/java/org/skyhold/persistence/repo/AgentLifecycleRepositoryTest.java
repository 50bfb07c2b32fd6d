package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.persistence.TestDatabase;

/** The agent operations the engine relies on for correctness under concurrency. */
class AgentLifecycleRepositoryTest {
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private long zoneId;
    private long providerId;

    @BeforeEach
    void setUp() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        providerId = new JdbiVmProviderConfigRepository(Fixtures.jdbi(), Fixtures.CIPHER, new ObjectMapper())
                .create(zoneId, new VmProviderSettings("sim", "simulated", true, 0, 3, "", null, true,
                        ProviderFields.EMPTY, Map.of(), 10)).id();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private Agent pending(String id) {
        return new Agent(id, zoneId, providerId, true, "skyhold-" + id, AgentState.PENDING, null, null, null, null,
                null, Capacity.ZERO, T0, T0, null, null, null, null);
    }

    @Test
    void concurrentInsertsNeverExceedTheProvidersCap() throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "agent-" + i;
            results.add(pool.submit(() -> agents.insertUnderCap(pending(id), 3, "token-" + id)));
        }
        int inserted = 0;
        for (Future<Boolean> r : results) {
            inserted += r.get() ? 1 : 0;
        }
        assertThat(inserted).isEqualTo(3);
        assertThat(agents.listByZone(zoneId, EnumSet.noneOf(AgentState.class))).hasSize(3);
    }

    @Test
    void destroyedAgentsDoNotCountAgainstTheCap() {
        for (int i = 0; i < 3; i++) {
            assertThat(agents.insertUnderCap(pending("agent-" + i), 3, "t" + i)).isTrue();
        }
        assertThat(agents.insertUnderCap(pending("agent-3"), 3, "t3")).isFalse();
        agents.update(agents.find("agent-0").orElseThrow().withState(AgentState.DESTROYED, T0));
        assertThat(agents.insertUnderCap(pending("agent-3"), 3, "t3")).isTrue();
    }

    @Test
    void aCheckInTokenWorksOnceAndMakesTheAgentRunningWithItsReportedCapacity() {
        agents.insertUnderCap(pending("agent-1"), 3, "checkin-hash");
        Capacity reported = new Capacity(4, 1, 8192);

        Agent running = agents.checkIn("checkin-hash", reported, "heartbeat-hash", "host", "10.0.0.7",
                T0.plusSeconds(30)).orElseThrow();
        assertThat(running.state()).isEqualTo(AgentState.RUNNING);
        assertThat(running.capacity()).isEqualTo(reported);
        assertThat(running.checkedInAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(running.privateIp()).isEqualTo("10.0.0.7");
        assertThat(agents.checkIn("checkin-hash", reported, "other", "host", null, T0.plusSeconds(31))).isEmpty();
    }

    @Test
    void aHeartbeatBringsAMissingAgentBack() {
        agents.insertUnderCap(pending("agent-1"), 3, "c");
        Agent running = agents.checkIn("c", Capacity.ZERO, "hb", "h", null, T0).orElseThrow();
        agents.update(running.withState(AgentState.MISSING, T0.plusSeconds(200)));

        Agent back = agents.heartbeat("hb", T0.plusSeconds(210)).orElseThrow();
        assertThat(back.state()).isEqualTo(AgentState.RUNNING);
        assertThat(back.lastHeartbeatAt()).isEqualTo(T0.plusSeconds(210));
        assertThat(agents.heartbeat("unknown", T0)).isEmpty();
    }

    @Test
    void aTransitionOnlyHappensFromTheExpectedStates() {
        agents.insertUnderCap(pending("agent-1"), 3, "c");
        Agent a = agents.find("agent-1").orElseThrow();
        assertThat(agents.updateIf(a.withState(AgentState.STARTING, T0), EnumSet.of(AgentState.RUNNING))).isFalse();
        assertThat(agents.updateIf(a.withState(AgentState.STARTING, T0), EnumSet.of(AgentState.PENDING))).isTrue();
        assertThat(agents.find("agent-1").orElseThrow().state()).isEqualTo(AgentState.STARTING);
    }
}
