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

/** A destroy leaks neither a VM nor a DNS record: what fails stays {@code destroying} and is ordered again. */
class DestroyerTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final FakeDnsProvider dns = new FakeDnsProvider();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").dns(kit.dnsProvider("dns", dns).id(),
            "vdi.test").build());

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aDestroyDeletesTheDnsRecordAndTheVm() {
        FakeVmProvider cloud = kit.cloud(b -> b);
        Agent agent = registered(kit.runningAgent(zone, kit.vmProvider(zone, "p", 5, cloud), cloud, FOUR));

        kit.destroyer.order(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(dns.records()).isEmpty();
        assertThat(cloud.liveVms()).isZero();
    }

    @Test
    void aRefusedDeleteLeavesTheAgentDestroyingAndTheNextOrderFinishesIt() {
        FakeVmProvider cloud = kit.cloud(b -> b);
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        Agent agent = kit.runningAgent(zone, p, cloud, FOUR);
        cloud.failDeletesWith(ProviderErrorClass.OTHER);

        kit.destroyer.order(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYING);
        assertThat(kit.db.events.reasons("provider.error")).singleElement().asString().contains("will retry");

        cloud.recover();
        kit.pass(zone); // the lifecycle rules retry unfinished destroys
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.liveVms()).isZero();
    }

    @Test
    void aVmStillDeletingIsCheckedAgainUntilItIsGone() {
        FakeVmProvider cloud = kit.cloud(b -> b.deleteTakes(Duration.ofSeconds(20)));
        Agent agent = kit.runningAgent(zone, kit.vmProvider(zone, "p", 5, cloud), cloud, FOUR);

        kit.destroyer.order(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYING);

        kit.clock.advanceSeconds(20);
        kit.pass(zone);
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
    }

    /**
     * Found by two managers under load (docs/reliability.md): every pass while EC2 terminated an instance asked it to
     * terminate the instance again, one more delete call per pass for a VM already on its way out.
     */
    @Test
    void aVmAlreadyBeingDeletedIsFollowedThroughDescribeAndNotDeletedAgain() {
        FakeVmProvider cloud = kit.cloud(b -> b.deleteTakes(Duration.ofSeconds(20)));
        Agent agent = kit.runningAgent(zone, kit.vmProvider(zone, "p", 5, cloud), cloud, FOUR);

        kit.destroyer.order(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        for (int i = 0; i < 3; i++) {
            kit.clock.advanceSeconds(2);
            kit.pass(zone);
            assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYING);
        }
        kit.clock.advanceSeconds(20);
        kit.pass(zone);

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.deleteCalls()).as("one delete, then describe until it is gone").hasSize(1);
    }

    /**
     * Found by the 50-zone run of two managers under load (docs/reliability.md): a scale-down's delete on the
     * actuator and the pass's retry of the destroying agent both looked, saw no ask yet, described the running VM
     * and asked: 4 VMs deleted twice by one manager. Only one of two concurrent destroys may ask.
     */
    @Test
    void twoDestroysOfOneAgentAtOnceAskTheCloudToDeleteItsVmOnce() throws Exception {
        FakeVmProvider cloud = kit.cloud(b -> b.deleteTakes(Duration.ofSeconds(20)).callDelay(Duration.ofMillis(200)));
        Agent agent = kit.runningAgent(zone, kit.vmProvider(zone, "p", 5, cloud), cloud, FOUR);

        kit.destroyer.order(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE); // on the actuator
        kit.destroyer.destroy(zone, kit.agent(agent.id()), "test", kit.clock.now(), LeaseGuard.NONE); // here
        kit.settle();

        assertThat(cloud.deleteCalls()).as("one ask; the other destroy follows it").hasSize(1);
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYING);
    }

    /**
     * The last double delete of the 50-zone two-manager run: a pass read the agent as destroying, another destroy
     * finished it meanwhile (the VM confirmed gone), and the pass's order, on that read, asked the cloud again.
     */
    @Test
    void aDestroyOrderedOnAStaleReadAfterAnotherFinishedDoesNotAskAgain() {
        FakeVmProvider cloud = kit.cloud(b -> b);
        Agent agent = kit.runningAgent(zone, kit.vmProvider(zone, "p", 5, cloud), cloud, FOUR);
        Agent staleRead = agent.withState(AgentState.DESTROYING, kit.clock.now());

        assertThat(kit.destroyer.destroy(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE)).isTrue();
        kit.clock.advanceSeconds(2);
        kit.destroyer.order(zone, staleRead, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();

        assertThat(cloud.deleteCalls()).as("one ask").hasSize(1);
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
    }

    @Test
    void aVmStillBeingDeletedAMinuteAfterTheAskIsAskedAgainOnce() {
        FakeVmProvider cloud = kit.cloud(b -> b.deleteTakes(Duration.ofMinutes(5)));
        Agent agent = kit.runningAgent(zone, kit.vmProvider(zone, "p", 5, cloud), cloud, FOUR);

        kit.destroyer.order(zone, agent, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        for (int i = 0; i < 5; i++) {
            kit.clock.advanceSeconds(10);
            kit.pass(zone);
        }
        assertThat(cloud.deleteCalls()).as("within the minute").hasSize(1);
        kit.clock.advanceSeconds(11);
        kit.pass(zone);
        kit.clock.advanceSeconds(2);
        kit.pass(zone);
        assertThat(cloud.deleteCalls()).as("a minute later, once (the cloud may have dropped the ask)").hasSize(2);
    }

    private Agent registered(Agent agent) {
        kit.provisioner.registerDns(zone, agent, kit.clock.now());
        Agent stored = kit.agent(agent.id());
        assertThat(dns.ipOf(stored.dnsName())).contains(agent.publicIp());
        return stored;
    }
}
