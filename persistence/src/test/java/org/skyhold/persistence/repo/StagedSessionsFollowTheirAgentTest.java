package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.persistence.TestDatabase;

/** A staged session is ready, and claimed, only while its agent is running. */
class StagedSessionsFollowTheirAgentTest {
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
        agents.insert(Fixtures.agent("agent-gone", zoneId, AgentState.RUNNING, T0));
        agents.insert(Fixtures.agent("agent-up", zoneId, AgentState.RUNNING, T0));
    }

    @Test
    void stagedSessionsOfAnAgentThatLeftRunningAreNeitherReadyNorClaimed() {
        assertThat(sessions.place(staged("s-old", "agent-gone", T0), ROOM)).isTrue();
        assertThat(sessions.place(staged("s-new", "agent-up", T0.plusSeconds(1)), ROOM)).isTrue();
        leave("agent-gone", AgentState.MISSING);

        assertThat(sessions.readyStaged(zoneId, T0.plusSeconds(2))).containsExactly(Map.entry(imageId, 1));
        assertThat(sessions.claimStaged(zoneId, imageId, "ann", T0.plusSeconds(2))).map(Session::id)
                .contains("s-new");
        assertThat(sessions.claimStaged(zoneId, imageId, "bob", T0.plusSeconds(2))).isEmpty();
        assertThat(sessions.find("s-old").orElseThrow().state()).isEqualTo(SessionState.STAGED);
    }

    @Test
    void theStagedSessionsOffRunningAgentsAreListedForTheEngineToEnd() {
        agents.insert(Fixtures.agent("agent-draining", zoneId, AgentState.RUNNING, T0));
        sessions.place(staged("s-1", "agent-gone", T0), ROOM);
        sessions.place(staged("s-2", "agent-draining", T0.plusSeconds(1)), ROOM);
        sessions.place(staged("s-3", "agent-up", T0.plusSeconds(2)), ROOM);
        sessions.place(staged("s-claimed", "agent-gone", T0.plusSeconds(3)), ROOM);
        sessions.claimStaged(zoneId, imageId, "ann", T0.plusSeconds(3)); // s-1, the oldest
        leave("agent-gone", AgentState.DEAD);
        leave("agent-draining", AgentState.DRAINING);

        assertThat(sessions.stagedOffRunning(zoneId)).extracting(Session::id).containsExactly("s-2", "s-claimed");
        assertThat(sessions.stagedOffRunning(Fixtures.zone("other"))).isEmpty();
    }

    /**
     * The agent leaves running in a transaction that is still open when the claim starts: the claim waits for it
     * and then finds the agent gone, instead of claiming on the state it read before.
     */
    @Test
    void aClaimRacingTheAgentLeavingRunningWaitsAndClaimsNothingOnIt() throws Exception {
        sessions.place(staged("s-1", "agent-gone", T0), ROOM);
        try (Handle h = Fixtures.jdbi().open()) {
            h.begin();
            h.createUpdate("UPDATE agents SET state = 'missing' WHERE id = 'agent-gone'").execute();
            CompletableFuture<Optional<Session>> claim = CompletableFuture.supplyAsync(
                    () -> sessions.claimStaged(zoneId, imageId, "ann", T0.plusSeconds(1)));
            Thread.sleep(300); // the claim reaches the agent's row and waits for this transaction
            h.commit();
            assertThat(claim.get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(sessions.find("s-1").orElseThrow().state()).isEqualTo(SessionState.STAGED);
    }

    private void leave(String agentId, AgentState to) {
        var a = agents.find(agentId).orElseThrow();
        assertThat(agents.updateIf(a.withState(to, T0), EnumSet.of(AgentState.RUNNING))).isTrue();
    }

    private Session staged(String id, String agentId, Instant createdAt) {
        return new Session(id, zoneId, imageId, agentId, SessionKind.STAGED, SessionState.STAGED, null,
                new Capacity(1, 0, 1024), createdAt, null, createdAt.plusSeconds(3600), null);
    }
}
