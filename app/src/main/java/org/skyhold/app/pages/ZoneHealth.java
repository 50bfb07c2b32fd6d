package org.skyhold.app.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.planner.Plan;
import org.skyhold.web.view.ZoneHealthRow;

/**
 * A zone's health in one line for the home page, worst news first: a configuration error (it names what to fix),
 * scaling disabled, a provider backing off, DNS failing for some agents (with the newest error), short of its
 * target, else healthy; each with the free and wanted cores
 * and what its agents are doing.
 */
final class ZoneHealth {
    private ZoneHealth() {
    }

    static ZoneHealthRow of(Zone zone, Plan plan, List<VmProviderConfig> providers, Map<AgentState, Integer> agents,
                            DnsFailures dns, Instant now) {
        String facts = cores(plan) + ", " + agents(agents);
        if (!plan.configErrors().isEmpty()) {
            return row(zone, "config error: " + plan.configErrors().get(0), "error");
        }
        if (!plan.act()) {
            return row(zone, "scaling disabled: " + facts, "warning");
        }
        List<String> backingOff = providers.stream().map(p -> ProviderStatuses.backingOff(p, now))
                .filter(Objects::nonNull).toList();
        if (!backingOff.isEmpty()) {
            return row(zone, String.join("; ", backingOff) + ": " + facts, "error");
        }
        if (dns.agents() > 0) {
            // agents nobody can reach by name are as bad as a provider that cannot create them
            return row(zone, dns.summary() + "; " + facts, "error");
        }
        if (!plan.free().covers(plan.target())) {
            return row(zone, "short of " + shortDimensions(plan) + ": " + facts, "warning");
        }
        return row(zone, "healthy: " + facts, "ok");
    }

    /** "8 of 8 wanted cores free": wanted is the target, standby plus what staging still needs. */
    private static String cores(Plan plan) {
        return Math.max(0, plan.free().cores()) + " of " + plan.target().cores() + " wanted cores free";
    }

    /** The dimensions below target, named, so a zone short of GPUs does not read as if cores were the problem. */
    private static String shortDimensions(Plan plan) {
        List<String> out = new ArrayList<>();
        if (plan.free().cores() < plan.target().cores()) {
            out.add((plan.target().cores() - plan.free().cores()) + " cores");
        }
        if (plan.free().gpus() < plan.target().gpus()) {
            out.add((plan.target().gpus() - plan.free().gpus()) + " GPUs");
        }
        if (plan.free().memoryMb() < plan.target().memoryMb()) {
            out.add((plan.target().memoryMb() - plan.free().memoryMb()) + " MB memory");
        }
        return String.join(", ", out);
    }

    /** "3 agents running, 2 starting", or "no agents". */
    private static String agents(Map<AgentState, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (AgentState s : List.of(AgentState.RUNNING, AgentState.STARTING, AgentState.PENDING, AgentState.MISSING,
                AgentState.DRAINING)) {
            int n = counts.getOrDefault(s, 0);
            if (n > 0) {
                parts.add(parts.isEmpty() ? n + " agent" + (n == 1 ? " " : "s ") + s.wireName() : n + " " + s.wireName());
            }
        }
        return parts.isEmpty() ? "no agents" : String.join(", ", parts);
    }

    private static ZoneHealthRow row(Zone zone, String health, String tone) {
        return new ZoneHealthRow(zone.id(), zone.name(), health, tone);
    }
}
