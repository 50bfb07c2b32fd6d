package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.CIPHER;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.persistence.TestDatabase;

class JdbiAgentRepositoryTest {
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private long zoneId;
    private long providerId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        providerId = new JdbiVmProviderConfigRepository(Fixtures.jdbi(), CIPHER, Fixtures.JSON).create(zoneId,
                new VmProviderSettings("p", "simulated", true, 0, 5, "", null, true, ProviderFields.EMPTY,
                        Map.of(), 10)).id();
    }

    @Test
    void anAutoscaledAgentRoundTripsEveryField() {
        Agent agent = everyFieldSet("vm-full", "i-0123");

        Agent stored = agents.insert(agent);

        assertThat(stored).isEqualTo(agent);
        assertThat(agents.find("vm-full")).contains(agent);
    }

    @Test
    void aStaticAgentWithEveryOptionalFieldUnsetReadsBackItsNulls() {
        Agent agent = Fixtures.agent("static-1", zoneId, AgentState.RUNNING, T0);

        agents.insert(agent);

        Agent read = agents.find("static-1").orElseThrow();
        assertThat(read).isEqualTo(agent);
        assertThat(read.providerConfigId()).isNull();
        assertThat(read.checkedInAt()).isNull();
        assertThat(read.lastError()).isNull();
    }

    @Test
    void aMissingAgentIsEmptyAndItsUpdateIsFalse() {
        assertThat(agents.find("nobody")).isEmpty();
        assertThat(agents.update(Fixtures.agent("nobody", zoneId, AgentState.RUNNING, T0))).isFalse();
    }

    @Test
    void anUpdateOverwritesEveryField() {
        Agent before = agents.insert(Fixtures.agent("vm-up", zoneId, AgentState.PENDING, T0));
        Agent after = new Agent("vm-up", zoneId, providerId, true, "renamed", AgentState.DESTROYED, "i-9",
                "host:8443", "203.0.113.9", "10.0.0.9", "vm-up.example.com", new Capacity(4, 1, 8192),
                T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4), T0.plusSeconds(5),
                "gone");

        assertThat(agents.update(after)).isTrue();

        assertThat(agents.find("vm-up")).contains(after);
        assertThat(agents.update(before)).isTrue();
        assertThat(agents.find("vm-up")).contains(before);
    }

    @Test
    void theZonesAgentsAreListedOldestFirstInTheAskedStates() {
        agents.insert(Fixtures.agent("c-running", zoneId, AgentState.RUNNING, T0.plusSeconds(30)));
        agents.insert(Fixtures.agent("a-pending", zoneId, AgentState.PENDING, T0.plusSeconds(10)));
        agents.insert(Fixtures.agent("b-destroyed", zoneId, AgentState.DESTROYED, T0.plusSeconds(20)));
        agents.insert(Fixtures.agent("z-other-zone", Fixtures.zone("other"), AgentState.RUNNING, T0));

        assertThat(agents.listByZone(zoneId, Set.of())).extracting(Agent::id)
                .containsExactly("a-pending", "b-destroyed", "c-running");
        assertThat(agents.listByZone(zoneId, AgentState.LIVE)).extracting(Agent::id)
                .containsExactly("a-pending", "c-running");
        assertThat(agents.listByZone(zoneId, EnumSet.of(AgentState.DESTROYED))).extracting(Agent::id)
                .containsExactly("b-destroyed");
        assertThat(agents.listByZone(zoneId, EnumSet.of(AgentState.DEAD))).isEmpty();
    }

    @Test
    void everyZonesAgentsAreListedOldestFirstInTheAskedStates() {
        long other = Fixtures.zone("other");
        agents.insert(Fixtures.agent("b-here", zoneId, AgentState.RUNNING, T0.plusSeconds(20)));
        agents.insert(Fixtures.agent("a-there", other, AgentState.RUNNING, T0.plusSeconds(10)));
        agents.insert(Fixtures.agent("c-failed", other, AgentState.FAILED, T0.plusSeconds(5)));

        assertThat(agents.list(Set.of())).extracting(Agent::id).containsExactly("c-failed", "a-there", "b-here");
        assertThat(agents.list(AgentState.SCHEDULABLE)).extracting(Agent::id).containsExactly("a-there", "b-here");
    }

    @Test
    void agentsCreatedAtTheSameMomentAreListedById() {
        agents.insert(Fixtures.agent("bbb", zoneId, AgentState.RUNNING, T0));
        agents.insert(Fixtures.agent("aaa", zoneId, AgentState.RUNNING, T0));

        assertThat(agents.list(Set.of())).extracting(Agent::id).containsExactly("aaa", "bbb");
    }

    @Test
    void aTakenIdIsRefusedWithTheFieldNamed() {
        agents.insert(Fixtures.agent("vm-1", zoneId, AgentState.RUNNING, T0));

        assertThatThrownBy(() -> agents.insert(everyFieldSet("vm-1", "i-1")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("id");
                    assertThat(e.getMessage()).isEqualTo("an agent with id \"vm-1\" already exists");
                });
    }

    @Test
    void anInstanceTheProviderAlreadyHasIsRefusedWithTheFieldNamed() {
        agents.insert(everyFieldSet("vm-1", "i-same"));

        assertThatThrownBy(() -> agents.insert(everyFieldSet("vm-2", "i-same")))
                .isInstanceOfSatisfying(DuplicateNameException.class,
                        e -> assertThat(e.field()).isEqualTo("instance_id"));
    }

    @Test
    void aStaticNameTakenInTheZoneIsRefusedUntilTheOldAgentIsDestroyed() {
        Agent first = agents.insert(withName(Fixtures.agent("static-1", zoneId, AgentState.RUNNING, T0), "desk"));

        assertThatThrownBy(() -> agents.insert(withName(Fixtures.agent("static-2", zoneId, AgentState.RUNNING, T0),
                "desk")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> assertThat(e.field()).isEqualTo("name"));

        agents.update(first.withState(AgentState.DESTROYED, T0.plusSeconds(1)));
        assertThat(agents.insert(withName(Fixtures.agent("static-2", zoneId, AgentState.RUNNING, T0), "desk")))
                .isNotNull();
    }

    @Test
    void anIdTheSchemaForbidsIsARepositoryError() {
        assertThatThrownBy(() -> agents.insert(Fixtures.agent("Not An Id", zoneId, AgentState.RUNNING, T0)))
                .isExactlyInstanceOf(RepositoryException.class).hasMessageContaining("agents_id_check");
    }

    private Agent everyFieldSet(String id, String instanceId) {
        return new Agent(id, zoneId, providerId, true, "vm " + id, AgentState.RUNNING, instanceId, "agent:8443",
                "198.51.100.7", "10.1.2.3", id + ".desk.example.com", new Capacity(16, 2, 65536), T0,
                T0.plusSeconds(60), T0.plusSeconds(90), T0.plusSeconds(120), null, "last boot slow");
    }

    private static Agent withName(Agent a, String name) {
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), name, a.state(), a.instanceId(),
                a.address(), a.publicIp(), a.privateIp(), a.dnsName(), a.capacity(), a.createdAt(),
                a.stateChangedAt(), a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
    }
}
