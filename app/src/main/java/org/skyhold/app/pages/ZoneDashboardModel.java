package org.skyhold.app.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.skyhold.app.Repositories;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.domain.engine.ScheduleReader;
import org.skyhold.domain.engine.ZoneReconciler;
import org.skyhold.domain.model.AgentCount;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneLease;
import org.skyhold.domain.planner.Plan;
import org.skyhold.domain.schedule.ScheduleNow;
import org.skyhold.web.view.CapacityBar;
import org.skyhold.web.view.PlanView;
import org.skyhold.web.view.StagedRow;
import org.skyhold.web.view.StateCount;
import org.skyhold.web.view.ZoneDashboardView;
import org.skyhold.web.view.ZoneHealthRow;

/**
 * Assembles a zone's dashboard (capacity, agents, staging, providers, history, the dry-run plan) and its one-line
 * health for the home page. Each is a fixed handful of queries per zone, whatever the number of agents or
 * providers: the plan is the engine's own dry run, the agents are counted by one grouped query.
 */
public final class ZoneDashboardModel {
    /** How far back the chart looks. */
    static final Duration CHART_SPAN = Duration.ofHours(6);
    /** How far back failed agents are counted. */
    static final Duration FAILED_SPAN = Duration.ofHours(24);
    private static final List<AgentState> SHOWN_STATES = List.of(AgentState.PENDING, AgentState.STARTING,
            AgentState.RUNNING, AgentState.DRAINING, AgentState.MISSING, AgentState.DEAD, AgentState.DESTROYING,
            AgentState.FAILED);

    private final ZoneReconciler reconciler;
    private final LongFunction<Optional<ZoneLease>> primary;
    private final StagingConfigService staging;
    private final Repositories repos;
    private final Clock clock;

    /** @param primary who runs a zone's loop now (a live lease) */
    public ZoneDashboardModel(ZoneReconciler reconciler, LongFunction<Optional<ZoneLease>> primary,
                              StagingConfigService staging, Repositories repos, Clock clock) {
        this.reconciler = reconciler;
        this.primary = primary;
        this.staging = staging;
        this.repos = repos;
        this.clock = clock;
    }

    /** The zone's dashboard now, or empty when the zone was deleted meanwhile. */
    Optional<ZoneDashboardView> dashboard(Zone zone) {
        Instant now = clock.instant();
        long id = zone.id();
        Optional<Plan> plan = reconciler.dryRun(id, now);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Counts counts = counts(id, now);
        return Optional.of(new ZoneDashboardView(id, zone.settings().scalingEnabled(), bars(plan.get()),
                states(id, counts.byState), staged(id, now), primary(id),
                repos.vmProviders().listByZone(id).stream()
                        .map(p -> ProviderStatuses.of(p, counts.liveByProvider.getOrDefault(p.id(), 0), now)).toList(),
                DnsStatuses.of(id, zone.settings(), repos.dnsProviders(), repos.events()).orElse(null),
                repos.dnsRecords().failing(id).summary(),
                CapacityChart.of(repos.capacityHistory().since(id, now.minus(CHART_SPAN)), now.minus(CHART_SPAN), now),
                plan(plan.get()), ProviderStatuses.time(now.truncatedTo(ChronoUnit.SECONDS)),
                ScheduleModel.dashboardLine(schedule(zone, now), now)));
    }

    /** What the zone's windows put in force now, read as the planner reads it. */
    private ScheduleNow schedule(Zone zone, Instant now) {
        var s = zone.settings();
        return ScheduleReader.read(repos.schedules(), repos.bootTimes(), zone.id(),
                repos.vmProviders().listByZone(zone.id()))
                .at(new Capacity(s.standbyCores(), s.standbyGpus(), s.standbyMemoryMb()), now);
    }

    /** The zone's health in one line, or empty when the zone was deleted meanwhile. */
    Optional<ZoneHealthRow> health(Zone zone) {
        Instant now = clock.instant();
        return reconciler.dryRun(zone.id(), now).map(plan -> ZoneHealth.of(zone, plan,
                repos.vmProviders().listByZone(zone.id()), counts(zone.id(), now).byState,
                repos.dnsRecords().failing(zone.id()), now));
    }

    private String primary(long zoneId) {
        return primary.apply(zoneId).map(l -> "Primary manager: " + l.managerId() + " (lease until "
                        + ProviderStatuses.time(l.expiresAt().truncatedTo(ChronoUnit.SECONDS)) + ")")
                .orElse("No manager runs this zone right now; one takes it within seconds when Skyhold runs.");
    }

    private record Counts(Map<AgentState, Integer> byState, Map<Long, Integer> liveByProvider) {
    }

    private Counts counts(long zoneId, Instant now) {
        Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
        Map<Long, Integer> live = new HashMap<>();
        for (AgentCount c : repos.agents().countByState(zoneId, now.minus(FAILED_SPAN))) {
            byState.merge(c.state(), c.count(), Integer::sum);
            if (c.providerConfigId() != null && c.state().isLive()) {
                live.merge(c.providerConfigId(), c.count(), Integer::sum);
            }
        }
        return new Counts(byState, live);
    }

    private static List<StateCount> states(long zoneId, Map<AgentState, Integer> counts) {
        return SHOWN_STATES.stream().map(s -> new StateCount(s.wireName(),
                s == AgentState.FAILED ? "failed (last 24 h)" : s.wireName(), counts.getOrDefault(s, 0),
                "/agents?zone_id=" + zoneId + "&state=" + s.wireName())).toList();
    }

    private List<StagedRow> staged(long zoneId, Instant now) {
        List<StagingConfig> configs = staging.list(zoneId);
        if (configs.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> ready = repos.sessions().readyStaged(zoneId, now);
        Map<Long, String> names = new HashMap<>();
        repos.images().list().forEach((Image i) -> names.put(i.id(), i.name()));
        return configs.stream().map(c -> new StagedRow(names.getOrDefault(c.imageId(), "image " + c.imageId()),
                ready.getOrDefault(c.imageId(), 0), c.numSessions())).toList();
    }

    private static List<CapacityBar> bars(Plan plan) {
        return List.of(bar("cores", "", plan, Capacity::cores), bar("GPUs", "", plan, Capacity::gpus),
                bar("memory", " MB", plan, Capacity::memoryMb));
    }

    private static CapacityBar bar(String dimension, String unit, Plan plan, ToLongFunction<Capacity> get) {
        long free = get.applyAsLong(plan.free());
        long target = get.applyAsLong(plan.target());
        double scale = Math.max(1, Math.max(free, target));
        int freeWidth = (int) Math.round(CapacityBar.WIDTH * Math.max(0, free) / scale);
        int targetWidth = (int) Math.round(CapacityBar.WIDTH * target / scale);
        boolean met = free >= target;
        return new CapacityBar(dimension, unit, free, target, freeWidth, targetWidth, met,
                met ? "met" : "short by " + (target - free) + unit);
    }

    private static PlanView plan(Plan plan) {
        List<String> actions = new ArrayList<>();
        plan.scaleUps().forEach(u -> actions.add(u.reason()));
        plan.scaleDowns().forEach(d -> actions.add(d.reason()));
        plan.stage().forEach(s -> actions.add(s.reason()));
        return new PlanView(plan.act(), plan.configErrors(), actions, plan.notes());
    }
}
