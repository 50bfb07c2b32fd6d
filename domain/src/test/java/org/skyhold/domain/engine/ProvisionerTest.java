package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** The provisioning protocol on the kit: rows under the cap, creates with keys, and what a failure or a lost answer does. */
class ProvisionerTest {
    private final EngineKit kit = EngineKit.start();

    @AfterEach
    void close() {
        kit.close();
    }

    private Zone zone(ZoneSettingsBuilder settings) {
        return kit.zone(settings.build());
    }

    private List<Agent> agents(Zone zone) {
        return kit.db.agents.listByZone(zone.id(), EnumSet.allOf(AgentState.class));
    }

    private List<String> events(Zone zone, String kind) {
        return kit.db.events.list(zone.id(), null, kind, null, 100).stream().map(Event::reason).toList();
    }

    private void order(Zone zone, VmProviderConfig provider, int count) {
        kit.provisioner.order(zone, provider, count, "the test asked", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();
    }

    @Test
    void anOrderedAgentIsCreatedWithItsTagsAndAKeyFromItsIdAndBecomesStarting() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z"));
        FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofSeconds(30)));
        VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

        order(zone, provider, 2);

        assertThat(agents(zone)).hasSize(2).allSatisfy(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isNotNull();
        });
        assertThat(cloud.createCalls()).hasSize(2).allSatisfy(spec -> {
            assertThat(spec.idempotencyKey()).isEqualTo("skyhold-" + spec.agentId());
            assertThat(spec.tags()).containsEntry(VmSpec.TAG_AGENT, spec.agentId())
                    .containsEntry(VmSpec.TAG_INSTALLATION, EngineKit.INSTALLATION)
                    .containsEntry(VmSpec.TAG_ZONE, Long.toString(zone.id()));
        });
    }

    @Test
    void aThrottleTheActuatorWaitsOutIsStillAnEventOnTheZoneOnceForTheCreate() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z"));
        FakeVmProvider cloud = kit.cloud(b -> b.failWith(ProviderErrorClass.THROTTLED).times(2));
        VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

        order(zone, provider, 1);

        assertThat(agents(zone)).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AgentState.STARTING));
        assertThat(cloud.createCalls()).as("tried again after each throttle").hasSize(3);
        assertThat(events(zone, "provider.throttled")).singleElement().asString()
                .contains("the create of agent " + agents(zone).get(0).id() + " on p was throttled",
                        "the fake cloud refused the create (throttled)");
    }

    @Test
    void anOrderBeyondTheProvidersCapWritesOnlyWhatFitsAndSaysSo() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z"));
        FakeVmProvider cloud = kit.cloud(b -> b);
        VmProviderConfig provider = kit.vmProvider(zone, "p", 2, cloud);

        int ordered = kit.provisioner.order(zone, provider, 3, "test", kit.clock.now(), LeaseGuard.NONE);
        kit.settle();

        assertThat(ordered).isEqualTo(2);
        assertThat(cloud.vmsMade()).isEqualTo(2);
        assertThat(events(zone, "provider.at_cap")).singleElement().asString().contains("only 2 of 3");
    }

    @Test
    void aRefusedCreateFailsTheAgentAndBacksTheProviderOffByItsClass() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z"));
        FakeVmProvider cloud = kit.cloud(b -> b.failWith(ProviderErrorClass.QUOTA));
        VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

        order(zone, provider, 1);

        assertThat(agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.FAILED);
            assertThat(a.lastError()).startsWith("quota: ");
        });
        var health = kit.db.vmProviders.find(provider.id()).orElseThrow().health();
        assertThat(health.lastErrorClass()).isEqualTo(ProviderErrorClass.QUOTA);
        assertThat(health.backoffUntil()).isEqualTo(kit.clock.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aBadConfigurationRestsTheProviderThirtyMinutesNotForGood() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z"));
        FakeVmProvider cloud = kit.cloud(b -> b.failWith(ProviderErrorClass.BAD_CONFIG));
        VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

        order(zone, provider, 1);

        var health = kit.db.vmProviders.find(provider.id()).orElseThrow().health();
        assertThat(health.backoffUntil()).isEqualTo(kit.clock.now().plus(Duration.ofMinutes(30)));
        assertThat(events(zone, "provider.error")).singleElement().asString()
                .contains("or until its settings change");
    }

    @Test
    void aCreateWhoseAnswerIsLostLeavesTheAgentPendingAndIsAskedAgainWithTheSameKey() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0));
        FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofSeconds(60)).loseAnswerOnce());
        VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

        kit.pass(zone);
        Agent waiting = agents(zone).get(0);
        assertThat(waiting.state()).as("the VM may exist: not failed").isEqualTo(AgentState.PENDING);
        assertThat(cloud.vmsMade()).isEqualTo(1);
        assertThat(kit.provisioner.awaitingAnswer(waiting.id())).isTrue();
        assertThat(kit.db.vmProviders.find(provider.id()).orElseThrow().health().level())
                .as("a lost answer is no refusal: the provider does not rest").isZero();

        kit.pass(zone);
        assertThat(cloud.createCalls()).as("not before its pause").hasSize(1);
        kit.clock.advance(Duration.ofSeconds(2));
        kit.pass(zone);

        assertThat(cloud.createCalls()).hasSize(2).extracting(VmSpec::idempotencyKey).containsOnly(
                "skyhold-" + waiting.id());
        assertThat(cloud.createCalls().get(1)).as("the same spec: user data and token too")
                .isEqualTo(cloud.createCalls().get(0));
        assertThat(cloud.vmsMade()).as("no second VM").isEqualTo(1);
        assertThat(agents(zone)).as("no second agent").singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(cloud.listTagged(EngineKit.INSTALLATION).get(0).instanceId());
        });
        assertThat(kit.provisioner.awaitingAnswer(waiting.id())).isFalse();
        assertThat(events(zone, "agent.create_unanswered")).hasSize(1);
    }

    @Test
    void anAgentWhoseCreateLostItsAnswerAndThatChecksInFirstIsAdoptedByItsTagWithoutAnotherCreate() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0));
        FakeVmProvider cloud = kit.cloud(b -> b.loseAnswerOnce());
        kit.vmProvider(zone, "p", 5, cloud);
        kit.pass(zone);
        VmSpec spec = cloud.createCalls().get(0);
        // the VM booted and checked in with the token of its user data before the create was asked again
        kit.ports.agents().checkIn(AgentTokens.hash(spec.checkinToken()), new Capacity(4, 0, 8192),
                AgentTokens.hash("heartbeat"), "host", "10.0.0.9", kit.clock.now());
        assertThat(kit.agent(spec.agentId()).instanceId()).isNull();

        kit.pass(zone);

        Agent adopted = kit.agent(spec.agentId());
        assertThat(adopted.state()).isEqualTo(AgentState.RUNNING);
        assertThat(adopted.instanceId()).isEqualTo(cloud.listTagged(EngineKit.INSTALLATION).get(0).instanceId());
        assertThat(kit.provisioner.awaitingAnswer(spec.agentId())).isFalse();
        assertThat(cloud.vmsMade()).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswersStayLostIsResolvedFromTheCloudsTagsAtTheProvisionTimeout() {
        Zone zone = zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).provisionTimeout(300));
        FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofHours(1)));
        VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);
        for (int i = 0; i < 100; i++) {
            cloud.loseNextAnswer();
        }

        kit.pass(zone);
        String id = agents(zone).get(0).id();
        for (int t = 30; t < 300; t += 30) {
            kit.clock.advance(Duration.ofSeconds(30));
            kit.pass(zone);
            assertThat(kit.agent(id).state()).isEqualTo(AgentState.PENDING);
        }
        int asked = cloud.createCalls().size();
        assertThat(asked).as("asked again while the timeout lasts, with pauses").isBetween(3, 12);
        kit.clock.advance(Duration.ofSeconds(30));
        kit.pass(zone);

        Agent adopted = kit.agent(id);
        assertThat(adopted.state()).isEqualTo(AgentState.STARTING);
        assertThat(adopted.instanceId()).isEqualTo(cloud.listTagged(EngineKit.INSTALLATION).get(0).instanceId());
        assertThat(cloud.vmsMade()).isEqualTo(1);
        assertThat(kit.provisioner.awaitingAnswer(id)).isFalse();
        assertThat(events(zone, "agent.recovered")).singleElement().asString().contains("provision timeout");
    }
}
