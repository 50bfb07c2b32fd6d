package org.skyhold.web.view;

import java.util.List;

/**
 * Everything the live dashboard at the top of a zone page shows; {@code dns} is null when the zone registers no DNS
 * names. {@code schedule} is the standby in force and its next change, or null when the zone has no windows.
 */
public record ZoneDashboardView(
        long zoneId,
        boolean scalingEnabled,
        List<CapacityBar> capacity,
        List<StateCount> agents,
        List<StagedRow> staged,
        String primary,
        List<ProviderStatus> providers,
        ProviderStatus dns,
        CapacityChartView chart,
        PlanView plan,
        String checkedAt,
        String schedule) {

    /** A dashboard of a zone without windows. */
    public ZoneDashboardView(long zoneId, boolean scalingEnabled, List<CapacityBar> capacity, List<StateCount> agents,
                             List<StagedRow> staged, String primary, List<ProviderStatus> providers, ProviderStatus dns,
                             CapacityChartView chart, PlanView plan, String checkedAt) {
        this(zoneId, scalingEnabled, capacity, agents, staged, primary, providers, dns, chart, plan, checkedAt, null);
    }
}
