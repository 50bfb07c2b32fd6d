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
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.persistence.TestDatabase;

/** What concurrent actuation relies on: batch inserts under the cap, lease-fenced writes, the stored agent size. */
class ActuationRepositoryTest {
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private final JdbiVmProviderConfigRepository providers = new JdbiVmProviderConfigRepository(Fixtures.jdbi(),
            Fixtures.CIPHER, new ObjectMapper());
    private final JdbiZoneLeaseRepository leases = new JdbiZoneLeaseRepository(Fixtures.jdbi());
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private long zoneId;
    private VmProviderConfig provider;

    @BeforeEach
    void setUp() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        provider = providers.create(zoneId, new VmProviderSettings("sim", "simulated", true, 0, 5, "",
                null, true, ProviderFields.EMPTY, Map.of(), 25));
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private Agent pending(String id) {
        return new Agent(id, zoneId, provider.id(), true, "skyhold-" + id, AgentState.PENDING, null, null, null, null,
                null, Capacity.ZERO, T0, T0, null, null, null, null);
    }

    @Test
    void concurrentBatchesNeverExceedTheProvidersCap() throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            int batch = b;
            results.add(pool.submit(() -> agents.insertAllUnderCap(
                    List.of(pending("agent-" + batch + "x"), pending("agent-" + batch + "y"), pending("agent-" + batch + "z")), 5,
                    List.of("t" + batch + "x", "t" + batch + "y", "t" + batch + "z"))));
        }
        int inserted = 0;
        for (Future<Integer> r : results) {
            inserted += r.get();
        }
        assertThat(inserted).isEqualTo(5);
        assertThat(agents.listByZone(zoneId, EnumSet.noneOf(AgentState.class))).hasSize(5);
    }

    @Test
    void aBatchThatDoesNotFitWritesItsFirstRowsUpToTheCap() {
        assertThat(agents.insertAllUnderCap(List.of(pending("agent-p1"), pending("agent-p2")), 5, List.of("h1", "h2")))
                .isEqualTo(2);
        assertThat(agents.insertAllUnderCap(List.of(pending("agent-p3"), pending("agent-p4"), pending("agent-p5"), pending("agent-p6")), 5,
                List.of("h3", "h4", "h5", "h6"))).isEqualTo(3);
        assertThat(agents.find("agent-p5")).isPresent();
        assertThat(agents.find("agent-p6")).isEmpty();
    }

    @Test
    void aFencedWriteHappensOnlyWhileTheLeaseStillHasItsHolderAndEpoch() {
        agents.insertUnderCap(pending("agent-1"), 5, "h1");
        long epoch = leases.acquire(zoneId, "manager-a", T0, T0.plusSeconds(15)).orElseThrow().epoch();
        Agent starting = new Agent("agent-1", zoneId, provider.id(), true, "skyhold-agent-1", AgentState.STARTING, "i-1",
                null, null, null, null, Capacity.ZERO, T0, T0, null, null, null, null);

        assertThat(agents.updateIfLeased(starting, EnumSet.of(AgentState.PENDING), "manager-b", epoch))
                .as("another manager's name").isFalse();
        assertThat(agents.updateIfLeased(starting, EnumSet.of(AgentState.PENDING), "manager-a", epoch + 1))
                .as("another epoch").isFalse();
        // the lease lapses and another manager takes it: the old holder's answer arrives too late
        leases.acquire(zoneId, "manager-b", T0.plusSeconds(20), T0.plusSeconds(35)).orElseThrow();
        assertThat(agents.updateIfLeased(starting, EnumSet.of(AgentState.PENDING), "manager-a", epoch)).isFalse();
        assertThat(agents.find("agent-1").orElseThrow().state()).isEqualTo(AgentState.PENDING);

        long taken = leases.find(zoneId).orElseThrow().epoch();
        assertThat(agents.updateIfLeased(starting, EnumSet.of(AgentState.PENDING), "manager-b", taken)).isTrue();
        assertThat(agents.find("agent-1").orElseThrow()).satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo("i-1");
        });
    }

    @Test
    void theAgentSizeIsStoredForTheSettingsItWasLookedUpForAndClearedWhenTheyChange() {
        assertThat(provider.agentSize()).isNull();
        assertThat(provider.settings().maxConcurrentCalls()).isEqualTo(25);
        providers.updateAgentSize(provider.id(), provider.updatedAt(), new Capacity(8, 1, 32768), T0);
        VmProviderConfig sized = providers.find(provider.id()).orElseThrow();
        assertThat(sized.agentSize()).isEqualTo(new Capacity(8, 1, 32768));
        assertThat(sized.agentSizeAt()).isEqualTo(T0);

        VmProviderConfig changed = providers.update(provider.id(), sized.settings()).orElseThrow();
        assertThat(changed.agentSize()).as("new settings may name another size").isNull();
        providers.updateAgentSize(provider.id(), provider.updatedAt(), new Capacity(2, 0, 4096), T0);
        assertThat(providers.find(provider.id()).orElseThrow().agentSize())
                .as("a lookup for the old settings is not stored").isNull();
    }
}
