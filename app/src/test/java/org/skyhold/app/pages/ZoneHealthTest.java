package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.planner.Plan;

/** The home page's one line per zone, worst news first, naming what is short. */
class ZoneHealthTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Zone ZONE = new Zone(7, ZoneSettings.defaults("gpu-zone"), NOW, NOW);

    private static Plan plan(Capacity free, Capacity target, List<String> configErrors) {
        return new Plan(true, free, target, List.of(), List.of(), List.of(), List.of(), configErrors);
    }

    @Test
    void aZoneShortOfGpusOnlySaysGpusNotCores() {
        var row = ZoneHealth.of(ZONE, plan(new Capacity(16, 1, 65536), new Capacity(8, 4, 0), List.of()),
                List.of(), Map.of(AgentState.RUNNING, 2), DnsFailures.NONE, NOW);

        assertThat(row.health()).isEqualTo("short of 3 GPUs: 16 of 8 wanted cores free, 2 agents running");
        assertThat(row.tone()).isEqualTo("warning");
    }

    @Test
    void aZoneShortInEveryDimensionNamesEach() {
        var row = ZoneHealth.of(ZONE, plan(new Capacity(0, 0, 0), new Capacity(8, 1, 1024), List.of()),
                List.of(), Map.of(AgentState.STARTING, 1), DnsFailures.NONE, NOW);

        assertThat(row.health()).startsWith("short of 8 cores, 1 GPUs, 1024 MB memory: 0 of 8 wanted cores free")
                .endsWith("1 agent starting");
    }

    @Test
    void aConfigurationErrorComesFirstAndAMetTargetIsHealthy() {
        assertThat(ZoneHealth.of(ZONE, plan(new Capacity(0, 0, 0), new Capacity(0, 2, 0),
                List.of("no VM provider has GPUs")), List.of(), Map.of(), DnsFailures.NONE, NOW).health())
                .isEqualTo("config error: no VM provider has GPUs");
        assertThat(ZoneHealth.of(ZONE, plan(new Capacity(8, 0, 16384), new Capacity(8, 0, 0), List.of()),
                List.of(), Map.of(), DnsFailures.NONE, NOW).health()).isEqualTo("healthy: 8 of 8 wanted cores free, no agents");
    }

    @Test
    void agentsWhoseRecordsFailToRegisterTurnTheLineRedWithTheNewestError() {
        var failing = new DnsFailures(2, "Route 53 Throttling: Rate exceeded", NOW);
        var row = ZoneHealth.of(ZONE, plan(new Capacity(8, 0, 16384), new Capacity(8, 0, 0), List.of()),
                List.of(), Map.of(AgentState.RUNNING, 2), failing, NOW);

        assertThat(row.health()).isEqualTo("DNS failing for 2 agents: Route 53 Throttling: Rate exceeded; "
                + "8 of 8 wanted cores free, 2 agents running");
        assertThat(row.tone()).isEqualTo("error");
        assertThat(new DnsFailures(1, "refused", NOW).summary()).isEqualTo("DNS failing for 1 agent: refused");
    }
}
