package org.skyhold.domain.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacementCandidate;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.SessionRepository;

/**
 * The contract of the agent and session repositories that the engine's rules stand on (placement, the load
 * columns, taking idle agents out of service, staged sessions following their agent), written once and run
 * against every implementation: the kit's in-memory one and the Postgres one, so the kit stays faithful.
 */
public abstract class AgentAndSessionContract {
    protected static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123456Z");
    private static final Capacity ROOM = new Capacity(8, 0, 16384);
    private static final Capacity ONE = new Capacity(1, 0, 1024);

    private AgentRepository agents;
    private SessionRepository sessions;
    private long zoneId;
    private long imageId;

    /** An empty database. */
    protected abstract void reset();

    protected abstract AgentRepository agents();

    protected abstract SessionRepository sessions();

    /** A new zone's id. */
    protected abstract long zone(String name);

    /** A new image's id. */
    protected abstract long image(String name);

    @BeforeEach
    void setUp() {
        reset();
        agents = agents();
        sessions = sessions();
        zoneId = zone("contract");
        imageId = image("contract");
    }

    @Test
    void aPlacementNeedsARunningAgentWithRoomAndAddsItsReservation() {
        agent("ag-run", AgentState.RUNNING, false, ROOM);
        agent("ag-drain", AgentState.DRAINING, false, ROOM);

        assertThat(sessions.place(session("s-1", "ag-run", SessionKind.USER), new Capacity(1, 0, 1024))).isTrue();
        assertThat(sessions.place(session("s-2", "ag-run", SessionKind.USER), new Capacity(1, 0, 1024))).isFalse();
        assertThat(sessions.place(session("s-3", "ag-drain", SessionKind.USER), ROOM)).isFalse();
        assertThat(sessions.place(session("s-4", "ag-ghost", SessionKind.USER), ROOM)).isFalse();

        assertThat(sessions.find("s-2")).isEmpty();
        assertThat(agents.loads(zoneId)).filteredOn(l -> l.agentId().equals("ag-run")).singleElement()
                .satisfies(l -> {
                    assertThat(l.reserved()).isEqualTo(ONE);
                    assertThat(l.sessions()).isEqualTo(1);
                    assertThat(l.idleSince()).isNull();
                });
    }

    @Test
    void endingTheLastSessionGivesTheRoomBackAndMarksTheAgentIdleSinceThen() {
        agent("ag-1", AgentState.RUNNING, false, ROOM);
        sessions.place(session("s-1", "ag-1", SessionKind.USER), ROOM);
        sessions.place(session("s-2", "ag-1", SessionKind.STAGED), ROOM);

        assertThat(sessions.end("s-1", T0.plusSeconds(5))).isTrue();
        assertThat(sessions.end("s-1", T0.plusSeconds(6))).isFalse();
        assertThat(agents.loads(zoneId).get(0).idleSince()).isNull();
        assertThat(sessions.end("s-2", T0.plusSeconds(9))).isTrue();

        assertThat(agents.loads(zoneId).get(0)).satisfies(l -> {
            assertThat(l.reserved()).isEqualTo(Capacity.ZERO);
            assertThat(l.sessions()).isZero();
            assertThat(l.idleSince()).isEqualTo(T0.plusSeconds(9));
        });
        assertThat(sessions.find("s-1").orElseThrow().endedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void onlyAnAgentInFromHoldingNoSessionIsTakenOutOfService() {
        Agent busy = agent("ag-busy", AgentState.RUNNING, true, ROOM);
        Agent staging = agent("ag-staging", AgentState.RUNNING, true, ROOM);
        Agent idle = agent("ag-idle", AgentState.RUNNING, true, ROOM);
        sessions.place(session("s-1", "ag-busy", SessionKind.USER), ROOM);
        sessions.place(session("s-2", "ag-staging", SessionKind.STAGED), ROOM);
        var running = EnumSet.of(AgentState.RUNNING);

        assertThat(agents.updateIfIdle(busy.withState(AgentState.DESTROYING, T0), running)).isFalse();
        assertThat(agents.updateIfIdle(staging.withState(AgentState.DESTROYING, T0), running)).isFalse();
        assertThat(agents.updateIfIdle(idle.withState(AgentState.DESTROYING, T0), EnumSet.of(AgentState.MISSING)))
                .isFalse();
        assertThat(agents.updateIfIdle(idle.withState(AgentState.DESTROYING, T0), running)).isTrue();

        assertThat(agents.find("ag-idle").orElseThrow().state()).isEqualTo(AgentState.DESTROYING);
        assertThat(agents.find("ag-busy").orElseThrow().state()).isEqualTo(AgentState.RUNNING);
        assertThat(sessions.place(session("s-3", "ag-idle", SessionKind.USER), ROOM)).isFalse();
    }

    @Test
    void stagedSessionsAreReadyAndClaimedOldestFirstOnlyOnRunningAgents() {
        agent("ag-up", AgentState.RUNNING, true, ROOM);
        agent("ag-down", AgentState.RUNNING, true, ROOM);
        sessions.place(staged("s-down", "ag-down", T0), ROOM);
        sessions.place(staged("s-up-new", "ag-up", T0.plusSeconds(2)), ROOM);
        sessions.place(staged("s-up-old", "ag-up", T0.plusSeconds(1)), ROOM);
        Agent down = agents.find("ag-down").orElseThrow();
        agents.updateIf(down.withState(AgentState.MISSING, T0), EnumSet.of(AgentState.RUNNING));

        assertThat(sessions.readyStaged(zoneId, T0.plusSeconds(3))).isEqualTo(Map.of(imageId, 2));
        assertThat(sessions.stagedOffRunning(zoneId)).extracting(Session::id).containsExactly("s-down");
        assertThat(sessions.claimStaged(zoneId, imageId, "ann", T0.plusSeconds(3))).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo("s-up-old");
            assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(s.userName()).isEqualTo("ann");
            assertThat(s.claimedAt()).isEqualTo(T0.plusSeconds(3));
        });
        assertThat(sessions.claimStaged(zoneId, imageId, "bob", T0.plusSeconds(3))).map(Session::id)
                .contains("s-up-new");
        assertThat(sessions.claimStaged(zoneId, imageId, "cid", T0.plusSeconds(3))).isEmpty();
        // an expired one is neither ready nor claimed, and is listed as expired
        assertThat(sessions.readyStaged(zoneId, T0.plusSeconds(3601))).isEmpty();
        assertThat(sessions.expiredStaged(zoneId, T0.plusSeconds(3600))).extracting(Session::id)
                .containsExactly("s-down");
    }

    @Test
    void placementCandidatesAreRunningAgentsWithRoomStaticFirstThenByTheStrategy() {
        agent("ag-full", AgentState.RUNNING, true, ROOM);
        agent("ag-half", AgentState.RUNNING, true, ROOM);
        agent("ag-empty", AgentState.RUNNING, true, ROOM);
        agent("ag-static", AgentState.RUNNING, false, new Capacity(2, 0, 4096));
        agent("ag-starting", AgentState.STARTING, true, ROOM);
        sessions.place(new Session("s-full", zoneId, imageId, "ag-full", SessionKind.USER, SessionState.ACTIVE, "u",
                new Capacity(8, 0, 1024), T0, T0, null, null), ROOM);
        sessions.place(new Session("s-half", zoneId, imageId, "ag-half", SessionKind.USER, SessionState.ACTIVE, "u",
                new Capacity(4, 0, 1024), T0, T0, null, null), ROOM);

        assertThat(ids(agents.placementCandidates(zoneId, ONE, null, null, null, true, true, 10)))
                .containsExactly("ag-static", "ag-half", "ag-empty");
        assertThat(ids(agents.placementCandidates(zoneId, ONE, null, null, null, false, false, 10)))
                .containsExactly("ag-empty", "ag-half", "ag-static");
        // an override replaces an autoscaled agent's size, not a static one's
        assertThat(agents.placementCandidates(zoneId, ONE, 16, null, null, true, true, 1)).singleElement()
                .satisfies(c -> assertThat(c.limit()).isEqualTo(new Capacity(2, 0, 4096)));
        assertThat(ids(agents.placementCandidates(zoneId, ONE, 16, null, null, false, true, 10)))
                .containsExactly("ag-static", "ag-full", "ag-half", "ag-empty");
    }

    @Test
    void aReadOfWhatChangedSinceAMarkReturnsTheRowsWrittenSinceInAnyStateAndNoOthers() {
        agent("ag-1", AgentState.RUNNING, false, ROOM);
        agent("ag-2", AgentState.RUNNING, false, ROOM);
        agent("ag-3", AgentState.RUNNING, false, ROOM);
        AgentRepository.MarkedRead full = agents.liveWithLoadsMarked(zoneId);
        assertThat(full.agents()).extracting(Agent::id).containsExactly("ag-1", "ag-2", "ag-3");
        assertThat(full.loads()).extracting(l -> l.agentId()).containsExactly("ag-1", "ag-2", "ag-3");
        assertThat(agents.changedSince(zoneId, full.mark()).agents()).as("nothing written since").isEmpty();

        sessions.place(session("s-1", "ag-1", SessionKind.USER), ROOM); // only the agent's load columns change
        agents.update(agents.find("ag-2").orElseThrow().withState(AgentState.DESTROYED, T0.plusSeconds(5)));
        agent("ag-4", AgentState.STARTING, false, ROOM);
        long otherZone = zone("elsewhere");
        agents.insert(new Agent("ag-5", otherZone, null, false, "ag-5", AgentState.RUNNING, null, null, null, null,
                null, ROOM, T0, T0, T0, T0, null, null));

        AgentRepository.MarkedRead changes = agents.changedSince(zoneId, full.mark());
        assertThat(changes.agents()).extracting(Agent::id).containsExactlyInAnyOrder("ag-1", "ag-2", "ag-4");
        assertThat(changes.agents()).filteredOn(a -> a.id().equals("ag-2")).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AgentState.DESTROYED));
        for (int i = 0; i < changes.agents().size(); i++) {
            assertThat(changes.loads().get(i).agentId()).isEqualTo(changes.agents().get(i).id());
        }
        assertThat(changes.loads()).filteredOn(l -> l.agentId().equals("ag-1")).singleElement()
                .satisfies(l -> assertThat(l.sessions()).isEqualTo(1));
        assertThat(agents.changedSince(zoneId, changes.mark()).agents()).as("nothing written since").isEmpty();
    }

    private static List<String> ids(List<PlacementCandidate> candidates) {
        return candidates.stream().map(PlacementCandidate::agentId).toList();
    }

    /** An autoscaled agent has its instance id: one without it is not yet adopted and takes no session. */
    private Agent agent(String id, AgentState state, boolean autoscaled, Capacity size) {
        return agents.insert(new Agent(id, zoneId, null, autoscaled, id, state, autoscaled ? "i-" + id : null, null,
                null, null, null, size,
                T0, T0, T0, T0, null, null));
    }

    private Session session(String id, String agentId, SessionKind kind) {
        return new Session(id, zoneId, imageId, agentId, kind,
                kind == SessionKind.STAGED ? SessionState.STAGED : SessionState.ACTIVE,
                kind == SessionKind.USER ? "ann" : null, ONE, T0, kind == SessionKind.USER ? T0 : null, null, null);
    }

    private Session staged(String id, String agentId, Instant createdAt) {
        return new Session(id, zoneId, imageId, agentId, SessionKind.STAGED, SessionState.STAGED, null, ONE,
                createdAt, null, T0.plusSeconds(3600), null);
    }
}
