package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** When an agent leaves running, its staged sessions end in the same pass and are staged again elsewhere. */
class StagedSessionsFollowTheirAgentTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").liveness(120, 600).build());
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);
    private final Image image = kit.image("desk", new Capacity(1, 0, 1024));

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void theStagedSessionOfAnAgentThatWentMissingEndsAndIsStagedOnARunningAgent() {
        kit.db.staging.create(zone.id(), image.id(), 1, 24);
        Agent silent = kit.runningAgent(zone, provider, cloud, FOUR);
        Agent alive = kit.runningAgent(zone, provider, cloud, FOUR);
        Session first = staged(silent);
        kit.clock.advanceSeconds(121);
        heartbeat(alive);

        kit.pass(zone);

        assertThat(kit.agent(silent.id()).state()).isEqualTo(AgentState.MISSING);
        assertThat(kit.db.sessions.find(first.id()).orElseThrow().state()).isEqualTo(SessionState.ENDED);
        assertThat(kit.db.sessions.listOpenByZone(zone.id())).singleElement().satisfies(s -> {
            assertThat(s.agentId()).isEqualTo(alive.id());
            assertThat(s.state()).isEqualTo(SessionState.STAGED);
        });
        assertThat(kit.db.events.reasons("session.ended")).singleElement().asString()
                .contains(first.id()).contains("missing");
    }

    @Test
    void theStagedSessionsOfADrainedAgentEndAtTheNextPass() {
        kit.db.staging.create(zone.id(), image.id(), 2, 24);
        Agent drained = kit.runningAgent(zone, provider, cloud, FOUR);
        Agent other = kit.runningAgent(zone, provider, cloud, FOUR);
        staged(drained);
        staged(drained);
        assertThat(kit.db.agents.updateIf(drained.withState(AgentState.DRAINING, kit.clock.now()),
                EnumSet.of(AgentState.RUNNING))).isTrue();

        kit.pass(zone);

        assertThat(kit.db.sessions.listOpenByAgent(drained.id())).isEmpty();
        assertThat(kit.db.sessions.listOpenByAgent(other.id())).hasSize(2)
                .allMatch(s -> s.state() == SessionState.STAGED);
        // the drained agent, now without sessions, is destroyed as drained agents are
        kit.pass(zone);
        assertThat(kit.agent(drained.id()).state()).isEqualTo(AgentState.DESTROYED);
    }

    @Test
    void aUserIsNotHandedAStagedSessionOnAnAgentThatLeftRunning() {
        Agent silent = kit.runningAgent(zone, provider, cloud, FOUR);
        Agent alive = kit.runningAgent(zone, provider, cloud, FOUR);
        Session onSilent = staged(silent);
        kit.db.agents.updateIf(silent.withState(AgentState.MISSING, kit.clock.now()),
                EnumSet.of(AgentState.RUNNING));

        Session got = kit.placement.placeForUser(zone, image, "ann", kit.clock.now()).orElseThrow();

        assertThat(got.id()).isNotEqualTo(onSilent.id());
        assertThat(got.agentId()).isEqualTo(alive.id());
        assertThat(got.kind()).isEqualTo(SessionKind.USER);
    }

    private Session staged(Agent agent) {
        Session s = new Session(UUID.randomUUID().toString(), zone.id(), image.id(), agent.id(), SessionKind.STAGED,
                SessionState.STAGED, null, image.reservation(), kit.clock.now(), null,
                kit.clock.now().plusSeconds(24 * 3600), null);
        assertThat(kit.db.sessions.place(s, FOUR)).isTrue();
        return s;
    }

    private void heartbeat(Agent agent) {
        Agent a = kit.agent(agent.id());
        kit.db.agents.update(new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(),
                a.instanceId(), a.address(), a.publicIp(), a.privateIp(), a.dnsName(), a.capacity(), a.createdAt(),
                a.stateChangedAt(), a.checkedInAt(), kit.clock.now(), a.destroyedAt(), a.lastError()));
    }
}
