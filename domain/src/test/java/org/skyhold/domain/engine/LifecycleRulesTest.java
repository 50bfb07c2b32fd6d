package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** The time-driven rules of the lifecycle, one agent at a time, on the kit. */
class LifecycleRulesTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").liveness(120, 600).provisionTimeout(300)
            .build());
    private final FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofSeconds(30)));
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aSilentAgentBecomesMissingThenDeadAndIsDestroyed() {
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);

        kit.clock.advanceSeconds(119);
        apply();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.RUNNING);
        kit.clock.advanceSeconds(1);
        apply();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.MISSING);
        kit.clock.advanceSeconds(480);
        apply();
        kit.settle();

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.deleteCalls()).containsExactly(agent.instanceId());
        assertThat(kit.db.events.reasons("agent.dead")).singleElement().asString().contains("600 s");
    }

    @Test
    void aStaticAgentSendsNoHeartbeatsAndStaysRunning() {
        Agent agent = kit.staticAgent(zone, "desk-1", FOUR);

        kit.clock.advance(Duration.ofDays(2));
        assertThat(apply()).isFalse();

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.RUNNING);
    }

    @Test
    void anAgentThatNeverChecksInIsDestroyedAfterTheProvisionTimeout() {
        kit.provisioner.order(zone, provider, 1, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
        Agent agent = kit.db.agents.listByZone(zone.id(), AgentState.LIVE).get(0);
        assertThat(agent.state()).isEqualTo(AgentState.STARTING);

        kit.clock.advanceSeconds(299);
        apply();
        kit.settle();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.STARTING);
        kit.clock.advanceSeconds(1);
        apply();
        kit.settle();

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.liveVms()).isZero();
        assertThat(kit.db.events.reasons("agent.destroying")).singleElement().asString()
                .contains("never checked in within the provision timeout of 300 s");
    }

    @Test
    void aDrainingAgentIsDestroyedOnlyOnceItsLastSessionEnds() {
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);
        Session s = new Session(UUID.randomUUID().toString(), zone.id(), null, agent.id(), SessionKind.USER,
                SessionState.ACTIVE, "ann", new Capacity(1, 0, 512), kit.clock.now(), kit.clock.now(), null, null);
        kit.db.sessions.place(s, FOUR);
        kit.db.agents.updateIf(kit.agent(agent.id()).withState(AgentState.DRAINING, kit.clock.now()),
                EnumSet.of(AgentState.RUNNING));

        apply();
        kit.settle();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DRAINING);

        kit.db.sessions.end(s.id(), kit.clock.now());
        apply();
        kit.settle();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
    }

    @Test
    void aPendingRowLeftByACrashIsAdoptedFromTheCloudsTagsOrFailedWithoutAVm() {
        Agent adopted = pendingRow("agcrashadopt");
        Agent lost = pendingRow("agcrashlost1");
        var vm = cloud.plant(VmSpec.tags(EngineKit.INSTALLATION, zone.id(), adopted.id()));

        kit.clock.advanceSeconds(LifecycleRules.PENDING_GRACE_SECONDS);
        apply();

        assertThat(kit.agent(adopted.id())).satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(vm.instanceId());
        });
        assertThat(kit.agent(lost.id()).state()).isEqualTo(AgentState.FAILED);
    }

    private Agent pendingRow(String id) {
        return kit.db.agents.insert(new Agent(id, zone.id(), provider.id(), true, "skyhold-" + id, AgentState.PENDING,
                null, null, null, null, null, Capacity.ZERO, kit.clock.now(), kit.clock.now(), null, null, null,
                null));
    }

    private boolean apply() {
        return kit.lifecycle.apply(kit.reader.read(zone.id(), kit.clock.now()).orElseThrow(), kit.clock.now(),
                LeaseGuard.NONE);
    }
}
