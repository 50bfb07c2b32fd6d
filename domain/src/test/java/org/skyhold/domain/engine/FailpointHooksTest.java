package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeDnsProvider;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** Each failpoint is passed at its step, in the protocol's order, so arming one crashes exactly there. */
class FailpointHooksTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final EngineKit kit = EngineKit.start(hits::add, RecoveryTimes.DEFAULT);
    private final FakeDnsProvider dnsZone = new FakeDnsProvider();
    private final DnsProviderConfig dns = kit.dnsProvider("dns", dnsZone);
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").dns(dns.id(), "agents.test").build());
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void creatingAnAgentPassesItsFourPointsInOrderAndDestroyingItItsThree() {
        kit.provisioner.order(zone, provider, 1, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        Agent agent = kit.db.agents.listByZone(zone.id(), AgentState.LIVE).get(0);
        assertThat(agent.dnsName()).as("the fake cloud tells the IP at once, so DNS follows the create").isNotNull();
        assertThat(hits).containsExactly(Failpoints.CREATE_AFTER_PENDING_ROW, Failpoints.CREATE_AFTER_CLOUD_ACCEPTED,
                Failpoints.CREATE_AFTER_INSTANCE_ID_RECORDED, Failpoints.CREATE_AFTER_DNS_WRITTEN);

        hits.clear();
        kit.destroyer.order(zone, kit.agent(agent.id()), "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(hits).containsExactly(Failpoints.DESTROY_AFTER_DNS_DELETE, Failpoints.DESTROY_AFTER_VM_DELETE,
                Failpoints.DESTROY_BEFORE_ROW_FINAL);
    }

    @Test
    void stagingClaimingAndEndingAStagedSessionPassTheirPoints() {
        Image image = kit.image("desk", new Capacity(1, 0, 1024));
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);

        assertThat(kit.placement.stage(zone, image, 2, 24, kit.clock.now())).isEqualTo(2);
        assertThat(hits).containsExactly(Failpoints.STAGED_AFTER_ROW, Failpoints.STAGED_AFTER_ROW);

        hits.clear();
        assertThat(kit.placement.placeForUser(zone, image, "ann", kit.clock.now())).isPresent();
        assertThat(hits).containsExactly(Failpoints.STAGED_AFTER_CLAIM);

        hits.clear();
        kit.db.agents.updateIf(kit.agent(agent.id()).withState(AgentState.DRAINING, kit.clock.now()),
                EnumSet.of(AgentState.RUNNING));
        kit.lifecycle.apply(kit.reader.read(zone.id(), kit.clock.now()).orElseThrow(), kit.clock.now(),
                LeaseGuard.NONE);
        assertThat(hits).containsExactly(Failpoints.STAGED_AFTER_END);
    }
}
