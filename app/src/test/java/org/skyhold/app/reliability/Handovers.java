package org.skyhold.app.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who acted on each zone over time, from the pass actions in the decision log: a zone passes from one manager to
 * another only when the first one was killed (between its last action and the other's first). Any other change
 * of hands, or one manager acting again after another took over while it was alive, is two managers acting on a
 * zone in the same window.
 */
final class Handovers {
    /** A kill of a manager at a moment. */
    record Kill(String managerId, Instant at) {
    }

    /** A change of the manager acting on a zone. */
    record Handover(long zoneId, String from, String to, Instant lastOfFrom, Instant firstOfTo, boolean explained) {
        Duration gap() {
            return Duration.between(lastOfFrom, firstOfTo);
        }
    }

    private final List<Handover> all = new ArrayList<>();
    private int unnamed;

    Handovers(List<FleetAudit.Action> actions, List<Kill> kills) {
        FleetAudit.Action previous = null;
        for (FleetAudit.Action a : actions) {
            if (a.managerId() == null) {
                unnamed++;
                continue;
            }
            if (previous != null && previous.zoneId() == a.zoneId() && !previous.managerId().equals(a.managerId())) {
                all.add(new Handover(a.zoneId(), previous.managerId(), a.managerId(), previous.at(), a.at(),
                        killedBetween(kills, previous.managerId(), previous.at(), a.at())));
            }
            previous = a;
        }
    }

    private static boolean killedBetween(List<Kill> kills, String manager, Instant from, Instant to) {
        return kills.stream().anyMatch(k -> k.managerId().equals(manager) && !k.at().isBefore(from.minusMillis(1_000))
                && !k.at().isAfter(to));
    }

    List<Handover> all() {
        return List.copyOf(all);
    }

    /** Changes of hands that no kill explains: two managers acted on the zone within one lease. */
    List<Handover> unexplained() {
        return all.stream().filter(h -> !h.explained()).toList();
    }

    /** Pass actions without a manager in their data (an engine that does not name itself). */
    int unnamed() {
        return unnamed;
    }

    /** The shortest time between the old manager's last action and the new one's first, over explained handovers. */
    Duration shortestGap() {
        return all.stream().filter(Handover::explained).map(Handover::gap).min(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    static Map<String, Object> describe(Handover h) {
        return Map.of("zone", h.zoneId(), "from", h.from(), "to", h.to(), "last", h.lastOfFrom(), "first",
                h.firstOfTo());
    }
}
