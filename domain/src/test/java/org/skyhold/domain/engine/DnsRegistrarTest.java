package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeDnsProvider;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/**
 * An agent's A record, kept by the zone's passes: it holds the agent's public IP (else private) in every state the
 * agent is named in, follows an address the cloud tells after boot, and a refused registration is retried with a
 * backoff and one event per change of outcome. Through whole passes on the kit, as the engine runs them.
 */
class DnsRegistrarTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final FakeDnsProvider dns = new FakeDnsProvider();
    private Zone zone;

    @BeforeEach
    void zone() {
        long dnsId = kit.dnsProvider("dns", dns).id();
        // the standby the one agent covers, so no pass scales it down, and liveness windows longer than the tests
        // (the kit sends no heartbeats)
        zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).liveness(86_400, 604_800)
                .dns(dnsId, "vdi.test").build());
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aRegistrationRefusedWhileTheAgentRunsIsRetriedWithBackoffUntilItHolds() {
        FakeVmProvider cloud = kit.cloud(b -> b);
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        dns.failWith(ProviderErrorClass.THROTTLED);
        Agent agent = kit.runningAgent(zone, p, cloud, FOUR);

        for (int i = 0; i < 30; i++) { // a minute of passes two seconds apart
            kit.pass(zone);
            kit.clock.advanceSeconds(2);
        }
        // tried at 0 s, then after 5, 10, 20 s of backoff: four tries in the minute, not thirty
        assertThat(dns.count("upsert")).isEqualTo(4);
        assertThat(kit.db.events.list(zone.id(), agent.id(), "dns.error", null, 100))
                .as("one event while the outcome stays the same").singleElement()
                .satisfies(e -> assertThat(e.reason()).contains(agent.id() + ".vdi.test", "throttled"));

        dns.recover();
        kit.clock.advance(Duration.ofSeconds(40));
        kit.pass(zone);
        assertThat(dns.ipOf(agent.id() + ".vdi.test")).contains(agent.publicIp());
        assertThat(kit.agent(agent.id()).dnsName()).isEqualTo(agent.id() + ".vdi.test");
        assertThat(events("dns.registered")).hasSize(1);
        kit.pass(zone);
        assertThat(dns.count("upsert")).as("a record that holds is not written again").isEqualTo(5);
    }

    @Test
    void aPublicIpTheCloudAssignsAfterTheAgentRunsMovesItsRecordToIt() {
        FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofSeconds(60)).publicIpWhenRunning());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        // it checked in before its VM had the public IP: running on its private address
        Agent agent = kit.runningAgent(zone, p, cloud, FOUR);
        assertThat(agent.publicIp()).isNull();
        kit.pass(zone);
        assertThat(dns.ipOf(agent.id() + ".vdi.test")).contains(agent.privateIp());

        kit.clock.advanceSeconds(60);
        for (int i = 0; i < 5; i++) {
            kit.clock.advanceSeconds(5);
            kit.pass(zone);
        }

        String publicIp = cloud.vm(agent.instanceId()).orElseThrow().publicIp();
        assertThat(publicIp).isNotNull();
        assertThat(kit.agent(agent.id()).publicIp()).isEqualTo(publicIp);
        assertThat(dns.ipOf(agent.id() + ".vdi.test")).contains(publicIp);
        assertThat(events("dns.registered")).hasSize(2);
    }

    @Test
    void anAgentWithoutAPublicIpIsNoLongerDescribedOnceItsCloudCanNoLongerAssignOne() {
        FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofDays(1)).publicIpWhenRunning());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        kit.runningAgent(zone, p, cloud, FOUR);

        for (int i = 0; i < 60; i++) { // an hour, a pass a minute
            kit.pass(zone);
            kit.clock.advanceSeconds(60);
        }

        // described with a backoff (5 s doubling to 2 min) for its first 30 minutes, then left alone
        int described = cloud.describeCalls();
        assertThat(described).isBetween(10, 20);
        kit.pass(zone);
        assertThat(cloud.describeCalls()).isEqualTo(described);
    }

    private List<Event> events(String kind) {
        return kit.db.events.list(zone.id(), null, kind, null, 100);
    }
}
