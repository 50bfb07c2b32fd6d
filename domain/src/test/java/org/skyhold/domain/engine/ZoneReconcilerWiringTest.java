package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeDnsProvider;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** A reconciler built from the kit's parts runs whole passes: order, boot, check-in, failover, destroy. */
class ZoneReconcilerWiringTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aZoneShortOfStandbyOrdersFromTheFakeCloudAndRegistersTheBootedAgentInDns() {
        FakeDnsProvider dns = new FakeDnsProvider();
        long dnsId = kit.dnsProvider("dns", dns).id();
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).dns(dnsId, "vdi.test").build());
        FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofSeconds(30)));
        kit.vmProvider(zone, "p", 5, cloud);

        kit.pass(zone);

        assertThat(cloud.createCalls()).hasSize(1);
        Agent agent = kit.db.agents.listByZone(zone.id(), AgentState.LIVE).get(0);
        assertThat(agent.state()).isEqualTo(AgentState.STARTING);
        assertThat(dns.ipOf(agent.id() + ".vdi.test")).contains(agent.publicIp());

        // the VM boots and the agent checks in: the zone has its standby, so the next pass orders nothing
        kit.clock.advanceSeconds(30);
        kit.db.agents.checkIn(kit.db.agents.checkinTokenHash(agent.id()), FOUR, "hb", "host", null,
                kit.clock.now());
        kit.pass(zone);
        assertThat(cloud.createCalls()).hasSize(1);
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.RUNNING);
    }

    @Test
    void aProviderThatRefusesWithQuotaRestsAndTheNextProviderTakesTheOrder() {
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).build());
        FakeVmProvider full = kit.cloud(b -> b.failWith(ProviderErrorClass.QUOTA));
        FakeVmProvider spare = kit.cloud(b -> b);
        VmProviderConfig first = kit.vmProvider(zone, "first", 0, 5, full);
        kit.vmProvider(zone, "second", 1, 5, spare);

        kit.pass(zone);
        kit.pass(zone); // the failed create's completion wakes the zone; the kit has no loop, so pass again

        assertThat(full.createCalls()).hasSize(1);
        assertThat(spare.createCalls()).hasSize(1);
        assertThat(kit.db.vmProviders.find(first.id()).orElseThrow().health().lastErrorClass())
                .isEqualTo(ProviderErrorClass.QUOTA);
        assertThat(kit.db.events.ofKind("provider.error")).hasSize(1);
    }

    @Test
    void anIdleAgentAboveStandbyIsDestroyedAndItsVmDeleted() {
        Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).build());
        FakeVmProvider cloud = kit.cloud(b -> b);
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        kit.runningAgent(zone, p, cloud, FOUR);
        kit.clock.advanceSeconds(1); // the newest idle agent goes first
        Agent extra = kit.runningAgent(zone, p, cloud, FOUR);

        kit.pass(zone);

        assertThat(kit.agent(extra.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.deleteCalls()).containsExactly(extra.instanceId());
        assertThat(cloud.liveVms()).isEqualTo(1);
    }
}
