package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentCount;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.persistence.TestDatabase;

/** {@code AgentRepository.countByState}: the dashboard's agents-by-state counts in one grouped query. */
class AgentCountRepositoryTest {
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private long zoneId;
    private long providerId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        providerId = new JdbiVmProviderConfigRepository(Fixtures.jdbi(), Fixtures.CIPHER, Fixtures.JSON).create(zoneId,
                new VmProviderSettings("p", "simulated", true, 0, 5, "", null, true, ProviderFields.EMPTY,
                        Map.of(), 10)).id();
    }

    @Test
    void liveAgentsAreCountedPerProviderAndStateAndEndedOnesOnlyWhenTheyEndedRecently() {
        agents.insert(onProvider("vm-1", AgentState.RUNNING, T0));
        agents.insert(onProvider("vm-2", AgentState.RUNNING, T0));
        agents.insert(onProvider("vm-3", AgentState.STARTING, T0));
        agents.insert(onProvider("vm-4", AgentState.FAILED, T0.minus(Duration.ofHours(30))));
        agents.insert(onProvider("vm-5", AgentState.FAILED, T0.minus(Duration.ofHours(2))));
        agents.insert(onProvider("vm-6", AgentState.DEAD, T0.minus(Duration.ofDays(3))));
        agents.insert(Fixtures.agent("static-1", zoneId, AgentState.RUNNING, T0.minus(Duration.ofDays(9))));
        long other = Fixtures.zone("other");
        agents.insert(Fixtures.agent("elsewhere", other, AgentState.RUNNING, T0));

        assertThat(agents.countByState(zoneId, T0.minus(Duration.ofHours(24)))).containsExactlyInAnyOrder(
                new AgentCount(providerId, AgentState.RUNNING, 2),
                new AgentCount(providerId, AgentState.STARTING, 1),
                new AgentCount(providerId, AgentState.FAILED, 1),
                new AgentCount(providerId, AgentState.DEAD, 1),
                new AgentCount(null, AgentState.RUNNING, 1));
    }

    @Test
    void aZoneWithoutAgentsHasNoCounts() {
        assertThat(agents.countByState(zoneId, T0)).isEmpty();
    }

    private Agent onProvider(String id, AgentState state, Instant changedAt) {
        Agent a = Fixtures.agent(id, zoneId, state, changedAt);
        return new Agent(a.id(), zoneId, providerId, true, a.name(), state, null, null, null, null, null, a.capacity(),
                changedAt, changedAt, null, null, null, null);
    }
}
