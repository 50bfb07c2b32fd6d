package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.planner.Plan;
import org.skyhold.domain.planner.ScalingPlanner;

/**
 * One pass of a zone's loop: {@code snapshot -> plan -> act -> record}. Lifecycle rules run first, then the
 * planner decides and the actions go through the ports: every agent the plan asks for is ordered at once (its row
 * written here, its cloud call on the {@link Actuator}), so the pass never waits on a cloud. When a provider is at
 * its cap the zone is planned again at once, so the next provider by priority takes the work; when a create
 * fails, its completion backs the provider off and wakes the zone, and the next pass fails over the same way.
 * The plan's reasons are recorded whenever they change, so the log explains every decision without repeating
 * itself every few seconds.
 */
public final class ZoneReconciler {
    private static final int ROUNDS = 3;
    private final EnginePorts ports;
    private final SnapshotReader reader;
    private final LifecycleRules lifecycle;
    private final Provisioner provisioner;
    private final Destroyer destroyer;
    private final PlacementService placement;
    private final Sweeper sweeper;
    private final AddressFollower addresses;
    private final ScalingPlanner planner;
    private final CapacityRecorder capacity;
    private final Map<Long, String> lastExplained = new ConcurrentHashMap<>();

    /** The reconciler with the parts the app uses, each built on {@code ports}. */
    public ZoneReconciler(EnginePorts ports, Provisioner provisioner, Destroyer destroyer, PlacementService placement,
                          AddressFollower addresses) {
        this(ports, new SnapshotReader(ports), new LifecycleRules(ports, provisioner, destroyer), provisioner,
                destroyer, placement, new Sweeper(ports, provisioner.actuator()), addresses, new ScalingPlanner(),
                new CapacityRecorder(ports.capacityHistory()));
    }

    /** The reconciler with every collaborator given, so a test can build one from its own parts. */
    public ZoneReconciler(EnginePorts ports, SnapshotReader reader, LifecycleRules lifecycle, Provisioner provisioner,
                          Destroyer destroyer, PlacementService placement, Sweeper sweeper, AddressFollower addresses,
                          ScalingPlanner planner, CapacityRecorder capacity) {
        this.ports = ports;
        this.reader = reader;
        this.lifecycle = lifecycle;
        this.addresses = addresses;
        this.provisioner = provisioner;
        this.destroyer = destroyer;
        this.placement = placement;
        this.sweeper = sweeper;
        this.planner = planner;
        this.capacity = capacity;
    }

    /** What the planner would do now, changing nothing; empty when the zone does not exist. */
    public Optional<Plan> dryRun(long zoneId, Instant now) {
        return reader.read(zoneId, now).map(s -> planner.plan(s.snapshot(), now));
    }

    /** Runs one pass; returns the last plan, or empty when the zone does not exist. */
    public Optional<Plan> reconcile(long zoneId, Instant now, LeaseGuard lease) {
        long started = System.nanoTime();
        Optional<ZoneState> first = reader.readFollowed(zoneId, now, lease);
        if (first.isEmpty()) {
            lastExplained.remove(zoneId);
            capacity.forget(zoneId);
            return Optional.empty();
        }
        boolean changed = lifecycle.apply(first.get(), now, lease);
        changed |= addresses.follow(first.get(), now, lease);
        changed |= expireStaged(zoneId, now);
        sweeper.sweepIfDue(first.get(), now, lease);
        // the first read still holds when the rules changed nothing (the sweeper touches only the cloud and DNS);
        // what other threads change meanwhile wakes the zone for another pass, as it would after any read
        ZoneState state = changed ? null : first.get();
        Plan plan = null;
        ZoneState planned = null;
        for (int round = 0; round < ROUNDS; round++) {
            if (state == null) {
                state = reader.readFollowed(zoneId, now, lease).orElseThrow();
            }
            planned = state;
            plan = planner.plan(state.snapshot(), now);
            explain(zoneId, plan, now);
            if (!plan.act() || act(state, plan, now, lease)) {
                break;
            }
            state = null;
        }
        // the last plan's free and target, as the pass saw them before it acted on them
        capacity.afterPass(zoneId, plan, now);
        Map<org.skyhold.domain.model.AgentState, Long> byState = new java.util.EnumMap<>(
                org.skyhold.domain.model.AgentState.class);
        planned.agents().forEach(a -> byState.merge(a.state(), 1L, Long::sum));
        ports.metrics().zonePass(zoneId, planned.zone().name(), java.time.Duration.ofNanos(System.nanoTime() - started),
                plan, byState);
        return Optional.of(plan);
    }

    /** @return true when every action went through (no provider failed or was full) */
    private boolean act(ZoneState state, Plan plan, Instant now, LeaseGuard lease) {
        boolean clean = true;
        for (Plan.ScaleUp up : plan.scaleUps()) {
            VmProviderConfig provider = state.provider(up.providerId());
            if (provisioner.order(state.zone(), provider, up.count(), up.reason(), now, lease) < up.count()) {
                clean = false;
            }
        }
        for (Plan.ScaleDown down : plan.scaleDowns()) {
            Optional<Agent> agent = state.agents().stream().filter(a -> a.id().equals(down.agentId())).findFirst();
            if (agent.isPresent() && !destroyer.scaleDown(state.zone(), agent.get(), down.reason(), now, lease)) {
                // a session was placed on it since the read (or it left running): the zone is planned again
                ports.events().record(now, state.zone().id(), down.agentId(), "agent.kept", "kept agent "
                        + down.agentId() + ": it holds a session or is no longer running since the pass read the"
                        + " zone, so it is not scaled down");
                clean = false;
            }
        }
        for (Plan.Drain drain : plan.drains()) {
            state.agents().stream().filter(a -> a.id().equals(drain.agentId())).findFirst()
                    .ifPresent(a -> drainAgent(a, drain.reason(), now));
        }
        for (Plan.StageSessions stage : plan.stage()) {
            Optional<Image> image = ports.images().find(stage.imageId());
            Optional<StagingConfig> config = ports.staging().listByZone(state.zone().id()).stream()
                    .filter(c -> c.imageId() == stage.imageId()).findFirst();
            if (image.isPresent() && config.isPresent()) {
                int placed = placement.stage(state.zone(), image.get(), stage.count(), config.get().expirationHours(),
                        now);
                if (placed > 0) {
                    ports.events().record(now, state.zone().id(), null, "session.staged", "staged " + placed + " of "
                            + stage.count() + " wanted sessions of " + image.get().name()
                            + (placed < stage.count() ? "; the rest wait for room" : ""));
                }
            }
        }
        return clean;
    }

    /** A drain-at-end window closed: no new sessions on this surplus agent; it goes once its sessions end. */
    private void drainAgent(Agent a, String reason, Instant now) {
        if (ports.agents().updateIf(a.withState(AgentState.DRAINING, now), EnumSet.of(AgentState.RUNNING))) {
            ports.events().record(now, a.zoneId(), a.id(), "agent.draining", reason);
        }
    }

    /** @return true when a staged session was ended */
    private boolean expireStaged(long zoneId, Instant now) {
        boolean ended = false;
        for (Session s : ports.sessions().expiredStaged(zoneId, now)) {
            if (ports.sessions().end(s.id(), now)) {
                ended = true;
                ports.events().record(now, zoneId, s.agentId(), "session.expired", "staged session " + s.id()
                        + " expired at " + s.expiresAt() + " unclaimed");
            }
        }
        return ended;
    }

    private void explain(long zoneId, Plan plan, Instant now) {
        List<String> lines = new ArrayList<>(plan.configErrors().stream().map(e -> "configuration error: " + e).toList());
        plan.scaleUps().forEach(u -> lines.add(u.reason()));
        plan.scaleDowns().forEach(d -> lines.add(d.reason()));
        plan.drains().forEach(d -> lines.add(d.reason()));
        plan.stage().forEach(s -> lines.add(s.reason()));
        lines.addAll(plan.notes());
        String summary = String.join("\n", lines);
        if (!summary.equals(lastExplained.put(zoneId, summary))) {
            String kind = !plan.configErrors().isEmpty() ? "config.error" : plan.nothingToDo() ? "plan.idle" : "plan";
            ports.events().record(now, zoneId, null, kind, summary);
        }
    }

    /** Live agents of the zone, for callers that act on one (drain, destroy) outside the loop. */
    public List<Agent> liveAgents(long zoneId) {
        return ports.agents().listByZone(zoneId, org.skyhold.domain.model.AgentState.LIVE);
    }
}
