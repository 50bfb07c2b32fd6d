package org.skyhold.domain.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/**
 * After a drain-at-end window closed: busy autoscaled agents whose room is surplus stop taking new sessions
 * (they drain), so they empty as their users leave and are then destroyed; no session is ever ended. The agents
 * with the fewest sessions go first (they empty soonest), then those of the lowest-priority provider.
 */
final class DrainRule {
    private DrainRule() {
    }

    static void apply(ZoneSnapshot snapshot, Capacity freeAfterRemovals, Capacity target, Set<String> removed,
                      String windowName, List<Plan.Drain> drains) {
        Map<Long, Integer> priority = new HashMap<>();
        snapshot.providers().forEach(p -> priority.put(p.id(), p.priority()));
        List<AgentSnapshot> busy = new ArrayList<>();
        for (AgentSnapshot a : snapshot.agents()) {
            if (a.autoscaled() && a.state() == AgentState.RUNNING && a.sessions() > 0 && !removed.contains(a.id())) {
                busy.add(a);
            }
        }
        busy.sort(Comparator.comparingInt(AgentSnapshot::sessions)
                .thenComparing(Comparator.<AgentSnapshot>comparingInt(a -> a.providerId() == null ? Integer.MAX_VALUE
                        : priority.getOrDefault(a.providerId(), Integer.MAX_VALUE)).reversed())
                .thenComparing(AgentSnapshot::id));
        Capacity surplus = freeAfterRemovals;
        for (AgentSnapshot a : busy) {
            Capacity after = surplus.minus(a.free());
            if (after.covers(target)) {
                drains.add(new Plan.Drain(a.id(), "drain agent " + a.id() + " (" + a.sessions() + " session"
                        + (a.sessions() == 1 ? "" : "s") + "): window \"" + windowName + "\" has closed and drains at "
                        + "its end; free without its room " + after.cores() + " cores, " + after.gpus() + " GPUs, "
                        + after.memoryMb() + " MB still covers target " + target.cores() + " cores, " + target.gpus()
                        + " GPUs, " + target.memoryMb() + " MB; its sessions are left to end"));
                surplus = after;
            }
        }
    }
}
