package org.skyhold.web.view;

import java.util.List;

/**
 * Everything the live dashboard at the top of a zone page shows; {@code dns} is null when the zone registers no DNS
 * names; {@code dnsFailing} is "DNS failing for N agents: the newest error", or null while every registration
 * holds; {@code schedule} is the standby in force and its next change, or null when the zone has no windows.
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
        String dnsFailing,
        CapacityChartView chart,
        PlanView plan,
        String checkedAt,
        String schedule) {
}
