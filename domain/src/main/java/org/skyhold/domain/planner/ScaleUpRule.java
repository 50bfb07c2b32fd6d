package org.skyhold.domain.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/**
 * The scale-up half of the planner for one shortfall: how many agents, on which providers. Providers are
 * taken in priority order, each up to its max instances; what one cannot take (disabled, backing off, at its
 * cap) the next takes. A dimension no provider's agents have is a configuration error, not a reason to loop.
 */
final class ScaleUpRule {
    private final ZoneSnapshot snapshot;
    private final Instant now;
    private final String balance;
    private final Map<Dimension, Long> remaining;

    ScaleUpRule(ZoneSnapshot snapshot, Instant now, Capacity free, Capacity target, String balance) {
        this.snapshot = snapshot;
        this.now = now;
        this.balance = balance;
        this.remaining = ScalingPlanner.deficit(free, target);
    }

    void apply(List<Plan.ScaleUp> ups, List<String> notes, List<String> errors) {
        List<ProviderSnapshot> providers = new ArrayList<>(snapshot.providers());
        providers.sort(Comparator.comparingInt(ProviderSnapshot::priority).thenComparingLong(ProviderSnapshot::id));
        dropUnreachable(providers, errors);
        if (satisfied()) {
            return;
        }
        for (ProviderSnapshot p : providers) {
            if (!p.enabled()) {
                notes.add(p.name() + (p.unavailable() == null ? " is disabled" : " is not used: " + p.unavailable()));
                continue;
            }
            if (p.health().backingOffAt(now)) {
                notes.add(p.name() + " is backing off until " + p.health().backoffUntil() + " after "
                        + p.health().lastErrorClass().wireName() + " error: " + p.health().lastError());
                continue;
            }
            if (p.room() == 0) {
                notes.add(p.name() + " is at its cap (" + p.liveAgents() + " of max " + p.maxInstances() + ")");
                continue;
            }
            if (p.agentCapacity() == null) {
                if (startingOfUnknownSize(p)) {
                    notes.add("waiting for the first agent of " + p.name() + " to report its size before adding more");
                } else {
                    ups.add(new Plan.ScaleUp(p.id(), p.name(), 1, balance + "; +1 agent on " + p.name()
                            + " (its size is unknown until an agent checks in; " + used(p, 1) + ")"));
                }
                return;
            }
            int needed = agentsNeeded(p.agentCapacity());
            if (needed == 0) {
                notes.add(p.name() + "'s agents add nothing to what is missing");
                continue;
            }
            int take = Math.min(needed, p.room());
            ups.add(new Plan.ScaleUp(p.id(), p.name(), take, balance + "; +" + take + " agent" + (take == 1 ? "" : "s")
                    + " of " + size(p.agentCapacity()) + " on " + p.name() + " (" + used(p, take) + ")"));
            for (Dimension d : Dimension.values()) {
                remaining.put(d, Math.max(0, remaining.get(d) - take * d.of(p.agentCapacity())));
            }
            if (satisfied()) {
                return;
            }
        }
        notes.add("still short after every provider: " + balance);
    }

    /** A dimension that falls short but that no provider's agents have can never be met. */
    private void dropUnreachable(List<ProviderSnapshot> providers, List<String> errors) {
        boolean anyUnknown = providers.stream().anyMatch(p -> p.enabled() && p.agentCapacity() == null);
        for (Dimension d : Dimension.values()) {
            if (remaining.get(d) == 0 || anyUnknown) {
                continue;
            }
            boolean someoneHasIt = providers.stream().anyMatch(p -> p.enabled() && d.of(p.agentCapacity()) > 0);
            if (!someoneHasIt) {
                errors.add("the target of " + d.amount(remaining.get(d)) + " more can never be met: no enabled "
                        + "provider's agents have " + d.word() + (providers.isEmpty() ? " (the zone has no VM provider)"
                        : " (check the agent " + d.word() + " override and the providers' sizes)"));
                remaining.put(d, 0L);
            }
        }
    }

    private int agentsNeeded(Capacity perAgent) {
        long n = 0;
        for (Dimension d : Dimension.values()) {
            long each = d.of(perAgent);
            if (remaining.get(d) > 0 && each > 0) {
                n = Math.max(n, (remaining.get(d) + each - 1) / each);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private boolean satisfied() {
        return remaining.values().stream().allMatch(v -> v == 0);
    }

    private boolean startingOfUnknownSize(ProviderSnapshot p) {
        return snapshot.agents().stream().anyMatch(a -> p.id() == (a.providerId() == null ? -1 : a.providerId())
                && (a.state() == AgentState.PENDING || a.state() == AgentState.STARTING) && a.capacity() == null);
    }

    private static String used(ProviderSnapshot p, int adding) {
        return p.liveAgents() + adding + " of max " + p.maxInstances() + " used";
    }

    private static String size(Capacity c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.cores() + " cores");
        if (c.gpus() > 0) {
            parts.add(c.gpus() + " GPU" + (c.gpus() == 1 ? "" : "s"));
        }
        parts.add(c.memoryMb() + " MB");
        return String.join(", ", parts);
    }
}
