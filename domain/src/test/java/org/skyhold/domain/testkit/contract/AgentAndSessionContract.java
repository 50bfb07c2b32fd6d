package org.skyhold.domain.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.engine.PlacementChoice;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

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
    protected abstract long zone(ZoneSettings settings);

    /** A new image's id; each of its sessions reserves {@code reservation}. */
    protected abstract long image(String name, Capacity reservation);

    @BeforeEach
    void setUp() {
        reset();
        agents = agents();
        sessions = sessions();
        zoneId = zone(ZoneSettingsBuilder.zone("contract").build());
        imageId = image("contract", ONE);
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
    void placementPicksStaticAgentsFirstThenTheFullestOrTheEmptiestByTheZonesStrategy() {
        long packed = zone(ZoneSettingsBuilder.zone("packed").staticFirst(true).build());
        long spread = zone(ZoneSettingsBuilder.zone("spread").staticFirst(false).leastLoaded().build());
        long mostLoaded = zone(ZoneSettingsBuilder.zone("most-loaded").staticFirst(false).build());
        for (long z : List.of(packed, spread, mostLoaded)) {
            fleet(z);
        }

        assertThat(placeOne(packed).session().agentId()).isEqualTo(packed + "-static");
        assertThat(placeOne(spread).session().agentId()).isEqualTo(spread + "-empty");
        // without static first the static agent is simply the fullest with room (2 cores free against 4)
        assertThat(placeOne(mostLoaded).session().agentId()).isEqualTo(mostLoaded + "-static");
    }

    @Test
    void placementCountsRoomAgainstTheZonesOverridesOfAutoscaledAgents() {
        long overridden = zone(ZoneSettingsBuilder.zone("overridden").staticFirst(false).overrides(16, null, null)
                .build());
        long reported = zone(ZoneSettingsBuilder.zone("reported").staticFirst(false).build());
        for (long z : List.of(overridden, reported)) {
            agent(z + "-full", z, AgentState.RUNNING, true, ROOM);
            agent(z + "-half", z, AgentState.RUNNING, true, ROOM);
            load(z + "-full", z, new Capacity(8, 0, 1024));
            load(z + "-half", z, new Capacity(4, 0, 1024));
        }

        // 16 cores counted, so the reported-full agent has 8 free and is the fullest with room
        PlacementResult placed = placeOne(overridden);
        assertThat(placed.session().agentId()).isEqualTo(overridden + "-full");
        assertThat(placeOne(reported).session().agentId()).isEqualTo(reported + "-half");
        assertThat(agents.loads(overridden)).filteredOn(l -> l.agentId().equals(overridden + "-full"))
                .singleElement().satisfies(l -> assertThat(l.reserved()).isEqualTo(new Capacity(9, 0, 2048)));
    }

    @Test
    void placementStoresTheSessionWithTheImagesReservationAndAnswersTheAgentsAddress() {
        agents.insert(new Agent("ag-dns", zoneId, null, false, "ag-dns", AgentState.RUNNING, null, "10.0.0.9", null,
                null, "ag-dns.agents.example", ROOM, T0, T0, T0, T0, null, null));
        PlacementRequest request = new PlacementRequest("s-new", zoneId, imageId, SessionKind.USER, "ann", T0, null,
                false);

        PlacementResult result = place(request);

        assertThat(result.outcome()).isEqualTo(PlacementResult.Outcome.PLACED);
        assertThat(result.agentAddress()).isEqualTo("ag-dns.agents.example");
        assertThat(result.session()).isEqualTo(new Session("s-new", zoneId, imageId, "ag-dns", SessionKind.USER,
                SessionState.ACTIVE, "ann", ONE, T0, T0, null, null));
        assertThat(sessions.find("s-new")).contains(result.session());
        assertThat(agents.loads(zoneId).get(0).reserved()).isEqualTo(ONE);
    }

    @Test
    void placementSaysWhyWhenItPlacesNothingAndStoresNothing() {
        agent("ag-small", AgentState.RUNNING, false, new Capacity(1, 0, 1024));
        agent("ag-unadopted", AgentState.RUNNING, true, ROOM, null);
        agent("ag-starting", AgentState.STARTING, false, ROOM);
        long big = image("big", new Capacity(2, 0, 1024));

        assertThat(place(request("s-1", zoneId + 1000, imageId, false)).outcome())
                .isEqualTo(PlacementResult.Outcome.NO_ZONE);
        assertThat(place(request("s-2", zoneId, imageId + 1000, false)).outcome())
                .isEqualTo(PlacementResult.Outcome.NO_IMAGE);
        assertThat(place(request("s-3", zoneId, big, false)).outcome())
                .isEqualTo(PlacementResult.Outcome.NO_ROOM);
        assertThat(sessions.find("s-3")).isEmpty();
        assertThat(place(request("s-4", zoneId, imageId, false)).session().agentId())
                .isEqualTo("ag-small");
        assertThat(place(request("s-5", zoneId, imageId, false)).outcome())
                .isEqualTo(PlacementResult.Outcome.NO_ROOM);
        assertThat(agents.loads(zoneId)).allSatisfy(l -> assertThat(l.sessions())
                .isEqualTo(l.agentId().equals("ag-small") ? 1 : 0));
    }

    @Test
    void placementLeavesAReadyStagedSessionToBeClaimedWhenAsked() {
        agent("ag-1", AgentState.RUNNING, false, ROOM);
        sessions.place(staged("s-staged", "ag-1", T0), ROOM);

        assertThat(place(request("s-user", zoneId, imageId, true)).outcome())
                .isEqualTo(PlacementResult.Outcome.STAGED_READY);
        assertThat(sessions.find("s-user")).isEmpty();
        // expired, it no longer holds a request back; nor when the request does not ask
        assertThat(place(new PlacementRequest("s-late", zoneId, imageId, SessionKind.USER, "ann",
                T0.plusSeconds(3600), null, true)).placed()).isTrue();
        assertThat(place(request("s-any", zoneId, imageId, false)).placed()).isTrue();
    }

    private PlacementResult placeOne(long zone) {
        long image = image("img-" + zone, ONE);
        PlacementResult result = place(request("s-" + zone, zone, image, false));
        assertThat(result.outcome()).isEqualTo(PlacementResult.Outcome.PLACED);
        return result;
    }

    /** One request through the repository's two halves and the domain's choice, as a batch of one places it. */
    private PlacementResult place(PlacementRequest r) {
        PlacementView view = sessions.placementView(r.zoneId(), Set.of(r.imageId()), r.at());
        PlacementChoice.Choice c = PlacementChoice.choose(view, List.of(r)).get(0);
        if (c.outcome() != PlacementResult.Outcome.PLACED) {
            return PlacementResult.not(c.outcome());
        }
        Session s = new Session(r.sessionId(), r.zoneId(), r.imageId(), c.agentId(), r.kind(), r.state(),
                r.userName(), c.need(), r.at(), r.claimedAt(), r.expiresAt(), null);
        List<PlacedAgent> took = sessions.placeAll(List.of(s), Map.of(c.agentId(), c.limit()));
        return took.isEmpty() ? PlacementResult.not(PlacementResult.Outcome.NO_ROOM)
                : PlacementResult.placed(s, took.get(0).address());
    }

    @Test
    void placeAllStoresAnAgentsSessionsOnlyWhenAllOfThemFitAndTheOthersAllTheSame() {
        agent("ag-roomy", AgentState.RUNNING, false, new Capacity(4, 0, 8192));
        agent("ag-tight", AgentState.RUNNING, false, new Capacity(2, 0, 8192));
        agent("ag-draining", AgentState.DRAINING, false, ROOM);
        List<Session> batch = List.of(session("s-1", "ag-roomy", SessionKind.USER),
                session("s-2", "ag-tight", SessionKind.USER), session("s-3", "ag-roomy", SessionKind.USER),
                session("s-4", "ag-tight", SessionKind.USER), session("s-5", "ag-tight", SessionKind.STAGED),
                session("s-6", "ag-draining", SessionKind.USER));

        List<PlacedAgent> took = sessions.placeAll(batch, Map.of("ag-roomy", new Capacity(4, 0, 8192),
                "ag-tight", new Capacity(2, 0, 8192), "ag-draining", ROOM));

        assertThat(took).extracting(PlacedAgent::agentId).containsExactly("ag-roomy");
        assertThat(sessions.listOpenByZone(zoneId)).extracting(Session::id).containsExactlyInAnyOrder("s-1", "s-3");
        assertThat(agents.loads(zoneId)).allSatisfy(l -> assertThat(l.reserved()).isEqualTo(
                l.agentId().equals("ag-roomy") ? ONE.times(2) : Capacity.ZERO));
        assertThat(agents.loads(zoneId)).filteredOn(l -> l.agentId().equals("ag-roomy")).singleElement()
                .satisfies(l -> assertThat(l.sessions()).isEqualTo(2));
    }

    @Test
    void placementViewReadsTheZoneTheImagesAskedForAndTheCandidatesWithTheirEffectiveCapacity() {
        long zone = zone(ZoneSettingsBuilder.zone("viewed").staticFirst(false).leastLoaded().overrides(16, null, null)
                .build());
        agent("ag-auto", zone, AgentState.RUNNING, true, ROOM);
        agent("ag-static", zone, AgentState.RUNNING, false, ROOM);
        agent("ag-unadopted", zone, AgentState.RUNNING, true, ROOM, null);
        agent("ag-starting", zone, AgentState.STARTING, false, ROOM);
        load("ag-static", zone, new Capacity(3, 0, 2048));
        long other = image("other", new Capacity(2, 1, 512));
        assertThat(sessions.place(new Session("s-staged", zone, other, "ag-auto", SessionKind.STAGED,
                SessionState.STAGED, null, new Capacity(2, 1, 512), T0, null, T0.plusSeconds(60), null),
                new Capacity(16, 1, 16384))).isTrue();

        PlacementView view = sessions.placementView(zone, Set.of(imageId, other, other + 1000), T0);

        assertThat(view.zoneFound()).isTrue();
        assertThat(view.staticFirst()).isFalse();
        assertThat(view.mostLoaded()).isFalse();
        assertThat(view.images()).isEqualTo(Map.of(imageId, ONE, other, new Capacity(2, 1, 512)));
        assertThat(view.stagedReady()).containsExactly(other);
        assertThat(view.candidates()).containsExactlyInAnyOrder(
                new PlacementView.Candidate("ag-auto", true, new Capacity(16, 0, 16384), new Capacity(2, 1, 512)),
                new PlacementView.Candidate("ag-static", false, ROOM, new Capacity(3, 0, 2048)));
        assertThat(sessions.placementView(zone, Set.of(other), T0.plusSeconds(60)).stagedReady())
                .as("expired").isEmpty();
        assertThat(sessions.placementView(zone + 1000, Set.of(imageId), T0)).isEqualTo(PlacementView.NO_ZONE);
    }

    private static PlacementRequest request(String id, long zone, long image, boolean unlessStagedReady) {
        return new PlacementRequest(id, zone, image, SessionKind.USER, "ann", T0, null, unlessStagedReady);
    }

    /** Full (8 of 8 cores held), half (4 of 8), empty, a small static one (2 cores) and a starting one. */
    private void fleet(long zone) {
        agent(zone + "-full", zone, AgentState.RUNNING, true, ROOM);
        agent(zone + "-half", zone, AgentState.RUNNING, true, ROOM);
        agent(zone + "-empty", zone, AgentState.RUNNING, true, ROOM);
        agent(zone + "-static", zone, AgentState.RUNNING, false, new Capacity(2, 0, 4096));
        agent(zone + "-starting", zone, AgentState.STARTING, true, ROOM);
        load(zone + "-full", zone, new Capacity(8, 0, 1024));
        load(zone + "-half", zone, new Capacity(4, 0, 1024));
    }

    private void load(String agentId, long zone, Capacity held) {
        assertThat(sessions.place(new Session("s-" + agentId, zone, imageId, agentId, SessionKind.USER,
                SessionState.ACTIVE, "u", held, T0, T0, null, null), ROOM)).isTrue();
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
        long otherZone = zone(ZoneSettingsBuilder.zone("elsewhere").build());
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

    /** An autoscaled agent has its instance id: one without it is not yet adopted and takes no session. */
    private Agent agent(String id, AgentState state, boolean autoscaled, Capacity size) {
        return agent(id, zoneId, state, autoscaled, size);
    }

    private Agent agent(String id, long zone, AgentState state, boolean autoscaled, Capacity size) {
        return agents.insert(new Agent(id, zone, null, autoscaled, id, state, autoscaled ? "i-" + id : null, null,
                null, null, null, size,
                T0, T0, T0, T0, null, null));
    }

    /** An agent with this instance id (null: an autoscaled agent not yet adopted after a crash). */
    private Agent agent(String id, AgentState state, boolean autoscaled, Capacity size, String instanceId) {
        return agent(id, zoneId, state, autoscaled, size, instanceId);
    }

    private Agent agent(String id, long zone, AgentState state, boolean autoscaled, Capacity size, String instanceId) {
        return agents.insert(new Agent(id, zone, null, autoscaled, id, state, instanceId, null, null, null, null,
                size, T0, T0, T0, T0, null, null));
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
