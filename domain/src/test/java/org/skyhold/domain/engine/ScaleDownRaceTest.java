package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A scale-down is decided on the zone as the pass read it; a user's session placed on the chosen agent after that
 * read must win: the agent stays running and the session open.
 */
class ScaleDownRaceTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).leastLoaded().build());
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);
    private final Image image = kit.image("desk", new Capacity(2, 0, 1024));

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aSessionPlacedAfterThePassReadTheZoneKeepsTheAgentTheScaleDownChose() {
        Agent kept = kit.runningAgent(zone, provider, cloud, FOUR);
        kit.clock.advanceSeconds(1);
        Agent chosen = kit.runningAgent(zone, provider, cloud, FOUR); // the newest idle agent goes first
        Session[] placed = new Session[1];
        kit.db.afterNext("agents.liveWithLoads", () -> placed[0] = userSessionOn(chosen));

        kit.pass(zone);

        assertThat(placed[0]).as("the user's placement went through").isNotNull();
        assertThat(kit.agent(chosen.id()).state()).isEqualTo(AgentState.RUNNING);
        assertThat(kit.db.sessions.find(placed[0].id()).orElseThrow().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(cloud.deleteCalls()).isEmpty();
        // with the session on the newer agent, the zone has 6 free cores and needs 4: the older one must stay too
        assertThat(kit.agent(kept.id()).state()).isEqualTo(AgentState.RUNNING);
        assertThat(kit.db.events.reasons("agent.kept")).singleElement().asString()
                .contains(chosen.id()).contains("session");
    }

    @Test
    void aScaleDownOfAnIdleAgentStillGoesThrough() {
        kit.runningAgent(zone, provider, cloud, FOUR);
        kit.clock.advanceSeconds(1);
        Agent extra = kit.runningAgent(zone, provider, cloud, FOUR);

        assertThat(kit.destroyer.scaleDown(zone, extra, "more free capacity than needed", kit.clock.now(),
                LeaseGuard.NONE)).isTrue();
        kit.settle();

        assertThat(kit.agent(extra.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.deleteCalls()).containsExactly(extra.instanceId());
    }

    @Test
    void aScaleDownRefusesAnAgentHoldingAStagedSession() {
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);
        kit.db.sessions.place(new Session(UUID.randomUUID().toString(), zone.id(), image.id(), agent.id(),
                SessionKind.STAGED, SessionState.STAGED, null, image.reservation(), kit.clock.now(), null,
                kit.clock.now().plusSeconds(3600), null), FOUR);

        assertThat(kit.destroyer.scaleDown(zone, agent, "more free capacity than needed", kit.clock.now(),
                LeaseGuard.NONE)).isFalse();
        kit.settle();

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.RUNNING);
        assertThat(kit.db.events.ofKind("agent.destroying")).isEmpty();
        assertThat(cloud.deleteCalls()).isEmpty();
    }

    private Session userSessionOn(Agent agent) {
        Session s = new Session(UUID.randomUUID().toString(), zone.id(), image.id(), agent.id(), SessionKind.USER,
                SessionState.ACTIVE, "ann", image.reservation(), kit.clock.now(), kit.clock.now(), null, null);
        return kit.db.sessions.place(s, FOUR) ? s : null;
    }
}
