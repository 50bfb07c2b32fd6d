package org.skyhold.web.view;

import java.util.List;

/** Everything the live dashboard at the top of a zone page shows. */
public record ZoneDashboardView(
        long zoneId,
        boolean scalingEnabled,
        List<CapacityBar> capacity,
        List<StateCount> agents,
        List<StagedRow> staged,
        String primary,
        List<ProviderStatus> providers,
        CapacityChartView chart,
        PlanView plan,
        String checkedAt) {
}
