package org.skyhold.domain.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.schedule.ScheduleNow;

/**
 * Decides, for one zone at {@code now}, which VMs to create, which idle agents to destroy and which sessions to
 * stage, following DESIGN.md §3. A pure function of the snapshot and the time: no I/O, no clock, no state, so
 * every rule is a table-driven unit test.
 */
public final class ScalingPlanner {

    public Plan plan(ZoneSnapshot snapshot, Instant now) {
        ZoneSettings s = snapshot.settings();
        ScheduleNow schedule = snapshot.schedule().at(new Capacity(s.standbyCores(), s.standbyGpus(),
                s.standbyMemoryMb()), now);
        String source = schedule.source();
        Capacity free = Capacity.ZERO;
        for (AgentSnapshot a : snapshot.agents()) {
            if (a.countsAsFree()) {
                free = free.plus(a.free());
            }
        }
        Capacity staging = Capacity.ZERO;
        List<Plan.StageSessions> stage = new ArrayList<>();
        for (StagingNeed given : snapshot.staging()) {
            int wanted = schedule.stagedSessions(given.imageId(), given.wanted());
            StagingNeed n = wanted == given.wanted() ? given : new StagingNeed(given.imageId(), given.imageName(),
                    given.reservation(), wanted, given.ready());
            staging = staging.plus(n.reservation().times(n.missing()));
            if (n.missing() > 0) {
                stage.add(new Plan.StageSessions(n.imageId(), n.missing(), "stage " + n.missing() + " session"
                        + (n.missing() == 1 ? "" : "s") + " of " + n.imageName() + " (" + n.ready() + " of "
                        + n.wanted() + " ready)"));
            }
        }
        Capacity standby = schedule.standby();
        Capacity target = standby.plus(staging);
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String balance = balance(free, standby, staging) + (source == null ? "" : "; standby from " + source);

        List<Plan.ScaleUp> ups = new ArrayList<>();
        boolean shortfall = !free.covers(target);
        if (shortfall) {
            new ScaleUpRule(snapshot, now, free, target, balance).apply(ups, notes, errors);
        } else {
            notes.add("nothing to add: " + balance);
        }
        List<Plan.ScaleDown> downs = new ArrayList<>();
        List<Plan.Drain> drains = new ArrayList<>();
        if (!shortfall) {
            scaleDown(snapshot, now, free, target, downs, notes, source);
            if (schedule.drainAfter() != null) {
                Set<String> removed = downs.stream().map(Plan.ScaleDown::agentId).collect(Collectors.toSet());
                Capacity left = free;
                for (AgentSnapshot a : snapshot.agents()) {
                    left = removed.contains(a.id()) ? left.minus(a.free()) : left;
                }
                DrainRule.apply(snapshot, left, target, removed, schedule.drainAfter().name(), drains);
            }
        }
        if (!s.scalingEnabled()) {
            notes.add(0, "scaling is disabled for this zone: nothing below is carried out");
        }
        return new Plan(s.scalingEnabled(), free, target, List.copyOf(ups), List.copyOf(downs), List.copyOf(stage),
                List.copyOf(notes), List.copyOf(errors), List.copyOf(drains), schedule.windowName());
    }

    /** "free cores 3 < target 8 (standby 8 + staging 0); free GPUs 0 = target 0 ..." for every dimension. */
    static String balance(Capacity free, Capacity standby, Capacity staging) {
        List<String> parts = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            long f = d.of(free);
            long t = d.of(standby) + d.of(staging);
            String op = f < t ? "<" : f == t ? "=" : ">";
            parts.add(d.labelled("free", f) + " " + op + " target " + t + " (standby " + d.of(standby)
                    + " + staging " + d.of(staging) + ")");
        }
        return String.join("; ", parts);
    }

    private static void scaleDown(ZoneSnapshot snapshot, Instant now, Capacity free, Capacity target,
                                  List<Plan.ScaleDown> downs, List<String> notes, String source) {
        String from = source == null ? "" : " (standby from " + source + ")";
        long backoff = snapshot.settings().downscaleBackoff();
        if (snapshot.lastScaleUpAt() != null && now.isBefore(snapshot.lastScaleUpAt().plusSeconds(backoff))) {
            notes.add("nothing to remove before " + snapshot.lastScaleUpAt().plusSeconds(backoff)
                    + ": the last scale-up was at " + snapshot.lastScaleUpAt() + " and the downscale backoff is "
                    + backoff + " s" + from);
            return;
        }
        Map<Long, Integer> priority = new HashMap<>();
        snapshot.providers().forEach(p -> priority.put(p.id(), p.priority()));
        List<AgentSnapshot> idle = new ArrayList<>();
        int idleTooShort = 0;
        for (AgentSnapshot a : snapshot.agents()) {
            if (!a.autoscaled() || a.state() != AgentState.RUNNING || a.sessions() > 0 || a.idleSince() == null) {
                continue;
            }
            if (now.isBefore(a.idleSince().plusSeconds(backoff))) {
                idleTooShort++;
            } else {
                idle.add(a);
            }
        }
        // lowest-priority provider first (a deleted provider's agents before all), then the newest agent
        idle.sort(Comparator.<AgentSnapshot>comparingInt(a -> a.providerId() == null ? Integer.MAX_VALUE
                        : priority.getOrDefault(a.providerId(), Integer.MAX_VALUE)).reversed()
                .thenComparing(AgentSnapshot::createdAt, Comparator.reverseOrder())
                .thenComparing(AgentSnapshot::id));
        Capacity surplus = free;
        String blocked = null;
        for (AgentSnapshot a : idle) {
            Capacity after = surplus.minus(a.free());
            if (after.covers(target)) {
                downs.add(new Plan.ScaleDown(a.id(), "remove idle agent " + a.id() + " (no session since "
                        + a.idleSince() + "): free after removal " + after.cores() + " cores, " + after.gpus()
                        + " GPUs, " + after.memoryMb() + " MB still covers target " + target.cores() + " cores, "
                        + target.gpus() + " GPUs, " + target.memoryMb() + " MB" + from));
                surplus = after;
            } else if (blocked == null) {
                blocked = "keeping idle agent " + a.id() + ": without it " + below(after, target) + from;
            }
        }
        if (blocked != null) {
            notes.add(blocked);
        }
        if (idleTooShort > 0) {
            notes.add(idleTooShort + " idle agent" + (idleTooShort == 1 ? " has" : "s have")
                    + " not yet been idle for the " + backoff + " s downscale backoff");
        }
    }

    /** "free cores 4 < target 8, free GPUs 0 < target 1" for the dimensions where free falls short. */
    static String below(Capacity free, Capacity target) {
        List<String> parts = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (d.of(free) < d.of(target)) {
                parts.add(d.labelled("free", d.of(free)) + " < target " + d.of(target));
            }
        }
        return String.join(", ", parts);
    }

    static Map<Dimension, Long> deficit(Capacity free, Capacity target) {
        Map<Dimension, Long> m = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            m.put(d, Math.max(0, d.of(target) - d.of(free)));
        }
        return m;
    }
}
