package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** An operator's destroy: unforced it never takes a session with it, forced it ends them first. */
class AgentServiceDestroyTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);
    private final AgentService service = new AgentService(kit.ports, kit.destroyer, id -> { }, kit.clock);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void anUnforcedDestroyRacingAPlacementKeepsTheAgentAndTheSession() {
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);
        Session[] placed = new Session[1];
        // the operator's request counted no session; a user's lands right after that count
        kit.db.afterNext("sessions.listOpenByAgent", () -> placed[0] = userSessionOn(agent));

        assertThat(service.destroy(agent.id(), false, "admin")).isEqualTo(AgentService.DestroyOutcome.HAS_SESSIONS);

        assertThat(placed[0]).isNotNull();
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.RUNNING);
        assertThat(kit.db.sessions.find(placed[0].id()).orElseThrow().state()).isEqualTo(SessionState.ACTIVE);
        assertThat(cloud.deleteCalls()).isEmpty();
    }

    @Test
    void anUnforcedDestroyOfAnIdleAgentDestroysItNow() {
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);

        assertThat(service.destroy(agent.id(), false, "admin")).isEqualTo(AgentService.DestroyOutcome.DESTROYED);

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(cloud.deleteCalls()).containsExactly(agent.instanceId());
    }

    @Test
    void aForcedDestroyEndsTheSessionsAndDestroysTheAgent() {
        Agent agent = kit.runningAgent(zone, provider, cloud, FOUR);
        Session s = userSessionOn(agent);

        assertThat(service.destroy(agent.id(), false, "admin")).isEqualTo(AgentService.DestroyOutcome.HAS_SESSIONS);
        assertThat(service.destroy(agent.id(), true, "admin")).isEqualTo(AgentService.DestroyOutcome.DESTROYED);

        assertThat(kit.db.sessions.find(s.id()).orElseThrow().state()).isEqualTo(SessionState.ENDED);
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(kit.db.events.reasons("agent.destroying")).singleElement().asString()
                .contains("forced, ending 1 sessions");
    }

    private Session userSessionOn(Agent agent) {
        Session s = new Session(UUID.randomUUID().toString(), zone.id(), null, agent.id(), SessionKind.USER,
                SessionState.ACTIVE, "ann", new Capacity(2, 0, 1024), kit.clock.now(), kit.clock.now(), null, null);
        return kit.db.sessions.place(s, FOUR) ? s : null;
    }
}
