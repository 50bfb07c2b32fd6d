package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.persistence.TestDatabase;

/** Taking an idle agent out of service and placing a session on it: exactly one of the two wins. */
class ScaleDownVersusPlacementTest {
    private static final Capacity ROOM = new Capacity(8, 0, 16384);
    private final JdbiSessionRepository sessions = new JdbiSessionRepository(Fixtures.jdbi());
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private long zoneId;
    private long imageId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        imageId = Fixtures.image("image");
    }

    @Test
    void anAgentHoldingAnOpenOrStagedSessionIsNotTakenOutOfService() {
        Agent busy = agents.insert(Fixtures.agent("agent-busy", zoneId, AgentState.RUNNING, T0));
        Agent staging = agents.insert(Fixtures.agent("agent-staging", zoneId, AgentState.RUNNING, T0));
        Agent idle = agents.insert(Fixtures.agent("agent-idle", zoneId, AgentState.RUNNING, T0));
        sessions.place(session("s-user", "agent-busy", SessionKind.USER), ROOM);
        sessions.place(session("s-staged", "agent-staging", SessionKind.STAGED), ROOM);

        assertThat(agents.updateIfIdle(destroying(busy), EnumSet.of(AgentState.RUNNING))).isFalse();
        assertThat(agents.updateIfIdle(destroying(staging), EnumSet.of(AgentState.RUNNING))).isFalse();
        assertThat(agents.updateIfIdle(destroying(idle), EnumSet.of(AgentState.DRAINING))).as("not in from").isFalse();
        assertThat(agents.updateIfIdle(destroying(idle), EnumSet.of(AgentState.RUNNING))).isTrue();

        assertThat(agents.find("agent-busy").orElseThrow().state()).isEqualTo(AgentState.RUNNING);
        assertThat(agents.find("agent-staging").orElseThrow().state()).isEqualTo(AgentState.RUNNING);
        assertThat(agents.find("agent-idle").orElseThrow().state()).isEqualTo(AgentState.DESTROYING);

        // once its last session ends the agent is idle again
        sessions.end("s-user", T0.plusSeconds(5));
        assertThat(agents.updateIfIdle(destroying(busy), EnumSet.of(AgentState.RUNNING))).isTrue();
    }

    /**
     * Both statements are released at once onto one agent whose row another transaction holds, fifty times: the
     * placement and the scale-down never both succeed, and the one that fails writes nothing.
     */
    @Test
    void aScaleDownAndAPlacementRacingForOneIdleAgentNeverBothWin() throws Exception {
        int placements = 0;
        int removals = 0;
        for (int i = 0; i < 50; i++) {
            String id = "agent-" + i;
            String sessionId = "s-" + i;
            Agent agent = agents.insert(Fixtures.agent(id, zoneId, AgentState.RUNNING, T0));
            CompletableFuture<Boolean> placed;
            CompletableFuture<Boolean> removed;
            try (Handle h = Fixtures.jdbi().open()) {
                h.begin();
                h.createQuery("SELECT id FROM agents WHERE id = :id FOR UPDATE").bind("id", id).mapTo(String.class)
                        .one();
                placed = CompletableFuture.supplyAsync(() -> sessions.place(session(sessionId, id, SessionKind.USER),
                        ROOM));
                removed = CompletableFuture.supplyAsync(() -> agents.updateIfIdle(destroying(agent),
                        EnumSet.of(AgentState.RUNNING)));
                Thread.sleep(20);
                h.commit();
            }
            boolean p = placed.get(10, TimeUnit.SECONDS);
            boolean r = removed.get(10, TimeUnit.SECONDS);
            assertThat(p ^ r).as("exactly one of placement (%s) and scale-down (%s) wins for %s", p, r, id).isTrue();
            AgentState state = agents.find(id).orElseThrow().state();
            assertThat(state).isEqualTo(p ? AgentState.RUNNING : AgentState.DESTROYING);
            assertThat(sessions.listOpenByAgent(id)).hasSize(p ? 1 : 0);
            placements += p ? 1 : 0;
            removals += r ? 1 : 0;
        }
        assertThat(placements + removals).isEqualTo(50);
    }

    private static Agent destroying(Agent a) {
        return a.withState(AgentState.DESTROYING, T0.plusSeconds(1));
    }

    private Session session(String id, String agentId, SessionKind kind) {
        return new Session(id, zoneId, imageId, agentId, kind,
                kind == SessionKind.STAGED ? SessionState.STAGED : SessionState.ACTIVE, kind == SessionKind.USER
                ? "ann" : null, new Capacity(1, 0, 1024), T0, null, null, null);
    }
}
