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
import org.skyhold.domain.port.RepositoryException;
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

        assertThat(sessions.insert(session)).isEqualTo(session);
        assertThat(sessions.find("s-full")).contains(session);
    }

    @Test
    void aStagedSessionReadsBackItsNulls() {
        Session staged = staged("s-staged", "agent-1", T0);

        sessions.insert(staged);

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
        sessions.insert(staged("s-3", "agent-2", T0.plusSeconds(3)));
        sessions.insert(staged("s-1", "agent-1", T0.plusSeconds(1)));
        sessions.insert(staged("s-2", "agent-1", T0.plusSeconds(2)));
        sessions.insert(staged("s-ended", "agent-1", T0));
        sessions.end("s-ended", T0.plusSeconds(4));

        assertThat(sessions.listOpenByZone(zoneId)).extracting(Session::id).containsExactly("s-1", "s-2", "s-3");
        assertThat(sessions.listOpenByAgent("agent-1")).extracting(Session::id).containsExactly("s-1", "s-2");
        assertThat(sessions.listOpenByAgent("agent-2")).extracting(Session::id).containsExactly("s-3");
        assertThat(sessions.listOpenByZone(Fixtures.zone("empty"))).isEmpty();
    }

    @Test
    void aSessionEndsOnceAtTheGivenMoment() {
        sessions.insert(staged("s-1", "agent-1", T0));

        assertThat(sessions.end("s-1", T0.plusSeconds(30))).isTrue();
        assertThat(sessions.end("s-1", T0.plusSeconds(60))).isFalse();

        Session ended = sessions.find("s-1").orElseThrow();
        assertThat(ended.state()).isEqualTo(SessionState.ENDED);
        assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aTakenIdIsRefusedWithTheFieldNamed() {
        sessions.insert(staged("s-1", "agent-1", T0));

        assertThatThrownBy(() -> sessions.insert(staged("s-1", "agent-2", T0)))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void aSessionOnAnAgentThatDoesNotExistIsARepositoryError() {
        assertThatThrownBy(() -> sessions.insert(staged("s-1", "ghost", T0)))
                .isExactlyInstanceOf(RepositoryException.class).hasMessageContaining("sessions_agent_id_fkey");
    }

    private Session staged(String id, String agentId, Instant createdAt) {
        return new Session(id, zoneId, imageId, agentId, SessionKind.STAGED, SessionState.STAGED, null,
                new Capacity(1, 0, 1024), createdAt, null, createdAt.plusSeconds(3600), null);
    }
}
