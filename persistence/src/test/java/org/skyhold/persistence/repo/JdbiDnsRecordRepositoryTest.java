package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.DnsStatus;
import org.skyhold.domain.model.OwnedDnsRecord;
import org.skyhold.persistence.TestDatabase;

/** The DNS ownership registry and the agents' registration outcome, against the real schema (changelog 012). */
class JdbiDnsRecordRepositoryTest {
    private final JdbiDnsRecordRepository records = new JdbiDnsRecordRepository(Fixtures.jdbi());
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private long zoneId;
    private long otherZoneId;
    private long dnsId;

    @BeforeEach
    void setUp() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        otherZoneId = Fixtures.zone("other");
        dnsId = new JdbiDnsProviderConfigRepository(Fixtures.jdbi(), Fixtures.CIPHER, Fixtures.JSON)
                .create(new DnsProviderSettings("dns", "simulated", null, ProviderFields.EMPTY, Map.of())).id();
    }

    private Agent agent(String id, long zone, AgentState state, String publicIp, String privateIp) {
        return agents.insert(new Agent(id, zone, null, true, "skyhold-" + id, state, "i-" + id, null, publicIp,
                privateIp, null, Capacity.ZERO, T0, T0, null, null, null, null));
    }

    @Test
    void anIntentIsOneRowPerProviderAndNameWhoseValueFollowsTheLastWrite() {
        agent("ag0000000001", zoneId, AgentState.STARTING, null, "10.0.0.1");

        records.intend(dnsId, "agents.test", "ag0000000001.agents.test", "10.0.0.1", "ag0000000001", T0);
        OwnedDnsRecord second = records.intend(dnsId, "agents.test", "ag0000000001.agents.test", "203.0.113.1",
                "ag0000000001", T0.plusSeconds(5));

        assertThat(records.ofAgent("ag0000000001")).containsExactly(second);
        assertThat(second.value()).isEqualTo("203.0.113.1");
        assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void anAgentNeedsRegistrationUntilItsRecordHoldsItsPublicElsePrivateAddress() {
        agent("ag0000000001", zoneId, AgentState.RUNNING, null, "10.0.0.1");
        agent("ag0000000002", zoneId, AgentState.PENDING, null, null);
        agent("ag0000000003", zoneId, AgentState.DESTROYING, "203.0.113.3", null);
        agent("ag0000000004", otherZoneId, AgentState.RUNNING, "203.0.113.4", null);
        assertThat(records.needingRegistration(zoneId)).containsExactly("ag0000000001");

        records.registered("ag0000000001", "10.0.0.1");
        assertThat(records.needingRegistration(zoneId)).isEmpty();

        // the cloud tells the public IP: the record no longer holds the address it should
        Agent a = agents.find("ag0000000001").orElseThrow();
        agents.update(new Agent(a.id(), a.zoneId(), null, true, a.name(), a.state(), a.instanceId(), null,
                "203.0.113.1", "10.0.0.1", a.dnsName(), a.capacity(), a.createdAt(), a.stateChangedAt(), null, null,
                null, null));
        assertThat(records.needingRegistration(zoneId)).containsExactly("ag0000000001");
        records.registered("ag0000000001", "203.0.113.1");
        assertThat(records.needingRegistration(zoneId)).isEmpty();
    }

    @Test
    void aFailureSaysWhetherTheOutcomeChangedAndTheZoneCountsItsFailingAgents() {
        agent("ag0000000001", zoneId, AgentState.RUNNING, "203.0.113.1", null);
        agent("ag0000000002", zoneId, AgentState.STARTING, "203.0.113.2", null);
        agent("ag0000000003", zoneId, AgentState.RUNNING, "203.0.113.3", null);

        assertThat(records.failed("ag0000000001", "refused", T0)).as("it starts failing").isTrue();
        assertThat(records.failed("ag0000000001", "refused", T0.plusSeconds(5))).as("it still fails").isFalse();
        assertThat(records.failed("ag0000000002", "throttled", T0.plusSeconds(10))).isTrue();

        assertThat(records.failing(zoneId)).isEqualTo(new DnsFailures(2, "throttled", T0.plusSeconds(10)));
        assertThat(records.failing(otherZoneId)).isEqualTo(DnsFailures.NONE);
        assertThat(records.needingRegistration(zoneId)).containsExactly("ag0000000001", "ag0000000002",
                "ag0000000003");

        records.registered("ag0000000001", "203.0.113.1");
        assertThat(records.failing(zoneId)).isEqualTo(new DnsFailures(1, "throttled", T0.plusSeconds(10)));
        assertThat(records.failed("ag0000000001", "refused again", T0.plusSeconds(20))).as("failing anew").isTrue();
    }

    @Test
    void theSweeperSeesOnlyRowsOfTheZonesEndedAgentsOnceTheirGraceHasPassed() {
        agent("ag0000000001", zoneId, AgentState.DESTROYED, null, "10.0.0.1");
        agent("ag0000000002", zoneId, AgentState.RUNNING, null, "10.0.0.2");
        agent("ag0000000003", otherZoneId, AgentState.FAILED, null, "10.0.0.3");
        agent("ag0000000004", zoneId, AgentState.FAILED, null, "10.0.0.4");
        OwnedDnsRecord gone = records.intend(dnsId, "t", "ag0000000001.t", "10.0.0.1", "ag0000000001", T0);
        records.intend(dnsId, "t", "ag0000000002.t", "10.0.0.2", "ag0000000002", T0);
        records.intend(dnsId, "t", "ag0000000003.t", "10.0.0.3", "ag0000000003", T0);
        records.intend(dnsId, "t", "ag0000000004.t", "10.0.0.4", "ag0000000004", T0.plusSeconds(60));

        assertThat(records.ofEndedAgents(zoneId, T0.plusSeconds(30))).containsExactly(gone);

        // by name: ended agents of the zone that have no row; unknown ids and other zones' agents are not ours here
        agent("ag0000000005", zoneId, AgentState.DESTROYED, null, null);
        assertThat(records.endedWithoutRows(zoneId, List.of("ag0000000001", "ag0000000002", "ag0000000003",
                "ag0000000005", "agforeign001"))).containsExactly("ag0000000005");

        records.forget(gone.id());
        assertThat(records.ofAgent("ag0000000001")).isEmpty();
    }

    @Test
    void clearingAnAgentRemovesItsRowsAndItsOutcome() {
        agent("ag0000000001", zoneId, AgentState.DESTROYING, "203.0.113.1", null);
        records.intend(dnsId, "t", "ag0000000001.t", "203.0.113.1", "ag0000000001", T0);
        records.failed("ag0000000001", "refused", T0);

        records.cleared("ag0000000001");

        assertThat(records.ofAgent("ag0000000001")).isEmpty();
        assertThat(records.failed("ag0000000001", "refused", T0)).as("no error was left behind").isTrue();
    }

    @Test
    void theStatusOfAPageOfAgentsIsReadAtOnce() {
        agent("ag0000000001", zoneId, AgentState.RUNNING, "203.0.113.1", null);
        agent("ag0000000002", zoneId, AgentState.RUNNING, "203.0.113.2", null);
        agent("ag0000000003", zoneId, AgentState.PENDING, null, null);
        records.registered("ag0000000001", "203.0.113.1");
        records.failed("ag0000000002", "Route 53 said Throttling", T0.plusSeconds(7));

        Map<String, DnsStatus> status = records.statusOf(
                List.of("ag0000000001", "ag0000000002", "ag0000000003", "agunknown001"));

        assertThat(status).containsOnlyKeys("ag0000000001", "ag0000000002", "ag0000000003");
        assertThat(status.get("ag0000000001")).isEqualTo(new DnsStatus(true, "203.0.113.1", null, null));
        assertThat(status.get("ag0000000002"))
                .isEqualTo(new DnsStatus(false, null, "Route 53 said Throttling", T0.plusSeconds(7)));
        assertThat(status.get("ag0000000003")).isEqualTo(DnsStatus.NONE);
        assertThat(records.statusOf(List.of())).isEmpty();
    }
}
