package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.persistence.TestDatabase;

class JdbiSessionRepositoryTest {
    private final JdbiSessionRepository sessions = new JdbiSessionRepository(Fixtures.jdbi());
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private long zoneId;
    private long imageId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        imageId = Fixtures.image("image");
        agents.insert(Fixtures.agent("agent-1", zoneId, AgentState.RUNNING, T0));
        agents.insert(Fixtures.agent("agent-2", zoneId, AgentState.RUNNING, T0));
    }

    @Test
    void aSessionRoundTripsEveryField() {
        Session session = new Session("s-full", zoneId, imageId, "agent-1", SessionKind.USER, SessionState.ENDED,
                "ann", new Capacity(2, 1, 4096), T0, T0.plusSeconds(5), T0.plusSeconds(3600), T0.plusSeconds(60));

        assertThat(place(session)).isTrue();
        assertThat(sessions.find("s-full")).contains(session);
    }

    @Test
    void aStagedSessionReadsBackItsNulls() {
        Session staged = staged("s-staged", "agent-1", T0);

        place(staged);

        Session read = sessions.find("s-staged").orElseThrow();
        assertThat(read).isEqualTo(staged);
        assertThat(read.userName()).isNull();
        assertThat(read.claimedAt()).isNull();
        assertThat(read.endedAt()).isNull();
    }

    @Test
    void aMissingSessionIsEmptyAndCannotBeEnded() {
        assertThat(sessions.find("nobody")).isEmpty();
        assertThat(sessions.end("nobody", T0)).isFalse();
    }

    @Test
    void openSessionsAreListedOldestFirstByZoneAndByAgent() {
        place(staged("s-3", "agent-2", T0.plusSeconds(3)));
        place(staged("s-1", "agent-1", T0.plusSeconds(1)));
        place(staged("s-2", "agent-1", T0.plusSeconds(2)));
        place(staged("s-ended", "agent-1", T0));
        sessions.end("s-ended", T0.plusSeconds(4));

        assertThat(sessions.listOpenByZone(zoneId)).extracting(Session::id).containsExactly("s-1", "s-2", "s-3");
        assertThat(sessions.listOpenByAgent("agent-1")).extracting(Session::id).containsExactly("s-1", "s-2");
        assertThat(sessions.listOpenByAgent("agent-2")).extracting(Session::id).containsExactly("s-3");
        assertThat(sessions.listOpenByZone(Fixtures.zone("empty"))).isEmpty();
    }

    @Test
    void openSessionsAreCountedPerAskedAgentInOneReadAndAgentsHoldingNoneAreAbsent() {
        agents.insert(Fixtures.agent("agent-3", zoneId, AgentState.RUNNING, T0));
        place(staged("s-1", "agent-1", T0));
        place(staged("s-2", "agent-1", T0));
        place(staged("s-3", "agent-2", T0));
        place(staged("s-ended", "agent-2", T0));
        place(staged("s-only-ended", "agent-3", T0));
        sessions.end("s-ended", T0.plusSeconds(1));
        sessions.end("s-only-ended", T0.plusSeconds(1));

        assertThat(sessions.countOpenByAgent(java.util.List.of("agent-1", "agent-2", "agent-3")))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("agent-1", 2, "agent-2", 1));
        assertThat(sessions.countOpenByAgent(java.util.List.of("agent-2"))).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("agent-2", 1));
        assertThat(sessions.countOpenByAgent(java.util.List.of())).isEmpty();
    }

    @Test
    void aSessionEndsOnceAtTheGivenMoment() {
        place(staged("s-1", "agent-1", T0));

        assertThat(sessions.end("s-1", T0.plusSeconds(30))).isTrue();
        assertThat(sessions.end("s-1", T0.plusSeconds(60))).isFalse();

        Session ended = sessions.find("s-1").orElseThrow();
        assertThat(ended.state()).isEqualTo(SessionState.ENDED);
        assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aTakenIdIsRefusedWithTheFieldNamed() {
        place(staged("s-1", "agent-1", T0));

        assertThatThrownBy(() -> place(staged("s-1", "agent-2", T0)))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void aSessionOnAnAgentThatDoesNotExistIsNotPlaced() {
        assertThat(place(staged("s-1", "ghost", T0))).isFalse();
        assertThat(sessions.find("s-1")).isEmpty();
    }

    private static final Capacity AGENT = new Capacity(8, 2, 16384);

    private boolean place(Session s) {
        return sessions.place(s, AGENT);
    }

    @Test
    void placementAddsTheReservationToTheAgentAndEndingGivesItBack() {
        assertThat(place(staged("s-1", "agent-1", T0))).isTrue();
        assertThat(place(staged("s-2", "agent-1", T0))).isTrue();
        assertThat(agents.loads(zoneId)).filteredOn(l -> l.agentId().equals("agent-1")).singleElement()
                .satisfies(l -> {
                    assertThat(l.reserved()).isEqualTo(new Capacity(2, 0, 2048));
                    assertThat(l.sessions()).isEqualTo(2);
                    assertThat(l.idleSince()).isNull();
                });
        sessions.end("s-1", T0.plusSeconds(5));
        sessions.end("s-2", T0.plusSeconds(9));
        assertThat(agents.loads(zoneId)).filteredOn(l -> l.agentId().equals("agent-1")).singleElement()
                .satisfies(l -> {
                    assertThat(l.reserved()).isEqualTo(Capacity.ZERO);
                    assertThat(l.sessions()).isZero();
                    assertThat(l.idleSince()).isEqualTo(T0.plusSeconds(9));
                });
    }

    @Test
    void theLiveAgentsAndTheirLoadsReadTogetherAreWhatTheyReadApart() {
        agents.insert(Fixtures.agent("agent-gone", zoneId, AgentState.DESTROYED, T0));
        place(staged("s-1", "agent-2", T0));

        var read = agents.liveWithLoads(zoneId);

        assertThat(read.agents()).isEqualTo(agents.listByZone(zoneId, AgentState.LIVE));
        assertThat(read.agents()).extracting(a -> a.id()).containsExactly("agent-1", "agent-2");
        assertThat(read.loads()).containsExactlyInAnyOrderElementsOf(agents.loads(zoneId));
        assertThat(read.loads()).filteredOn(l -> l.agentId().equals("agent-2")).singleElement()
                .satisfies(l -> assertThat(l.sessions()).isEqualTo(1));
    }

    @Test
    void placementNeverGoesBeyondTheLimitInAnyDimension() {
        Capacity tight = new Capacity(2, 0, 100_000);
        assertThat(sessions.place(staged("s-1", "agent-1", T0), tight)).isTrue();
        assertThat(sessions.place(staged("s-2", "agent-1", T0), tight)).isTrue();
        assertThat(sessions.place(staged("s-3", "agent-1", T0), tight)).isFalse();
        assertThat(sessions.find("s-3")).isEmpty();
    }

    @Test
    void placementNeedsARunningAgent() {
        agents.insert(Fixtures.agent("agent-draining", zoneId, AgentState.DRAINING, T0));
        assertThat(place(staged("s-1", "agent-draining", T0))).isFalse();
    }

    @Test
    void concurrentPlacementsOnOneAgentNeverOverCommitIt() throws Exception {
        Capacity room = new Capacity(8, 0, 1_000_000);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 40; i++) {
                String id = "c-" + i;
                results.add(pool.submit(() -> sessions.place(staged(id, "agent-1", T0), room)));
            }
            int placed = 0;
            for (var r : results) {
                placed += r.get() ? 1 : 0;
            }
            assertThat(placed).isEqualTo(8);
            assertThat(sessions.listOpenByAgent("agent-1")).hasSize(8);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aStagedSessionIsClaimedOnceAndOnlyBeforeItExpires() {
        place(staged("s-old", "agent-1", T0));
        place(staged("s-new", "agent-1", T0.plusSeconds(1)));
        assertThat(sessions.readyStaged(zoneId, T0)).containsEntry(imageId, 2);

        assertThat(sessions.claimStaged(zoneId, imageId, "ann", T0.plusSeconds(2)))
                .hasValueSatisfying(s -> {
                    assertThat(s.id()).isEqualTo("s-old");
                    assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
                    assertThat(s.userName()).isEqualTo("ann");
                });
        assertThat(sessions.claimStaged(zoneId, imageId, "bob", T0.plusSeconds(3600 + 1))).isEmpty();
        assertThat(sessions.expiredStaged(zoneId, T0.plusSeconds(3601))).extracting(Session::id)
                .containsExactly("s-new");
    }

    private Session staged(String id, String agentId, Instant createdAt) {
        return new Session(id, zoneId, imageId, agentId, SessionKind.STAGED, SessionState.STAGED, null,
                new Capacity(1, 0, 1024), createdAt, null, createdAt.plusSeconds(3600), null);
    }
}
