package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.engine.Scenario;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.CapacitySample;

/**
 * The zone dashboard and the home page's health lines, on the real app with the simulated cloud. The background
 * loop is stopped so that only the test's own steps run passes: what a page shows follows from those steps alone.
 */
class ZoneDashboardPagesTest {
    static Scenario s;

    @BeforeAll
    static void start() {
        s = Scenario.start();
        s.app.engine().loop.close();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void freeAgainstTargetIsDrawnPerDimensionAndAgentsAreCountedByStateWithLinks() {
        long zone = s.zone(Map.of("standby_cores", 8));
        s.simProvider(zone, Map.of("sim_boot_seconds", 30));

        Element cores = dashboard(zone).selectFirst("#capacity [data-dimension=cores]");
        assertThat(cores.selectFirst(".free").text()).isEqualTo("0");
        assertThat(cores.selectFirst(".target").text()).isEqualTo("8");
        assertThat(cores.selectFirst(".verdict").text()).isEqualTo("short by 8");
        assertThat(cores.selectFirst("rect.bar-free").attr("width")).isEqualTo("0");
        assertThat(cores.selectFirst("rect.bar-target").attr("width")).isEqualTo("300");

        s.step(zone);
        Document booting = dashboard(zone);
        cores = booting.selectFirst("#capacity [data-dimension=cores]");
        assertThat(cores.selectFirst(".free").text()).as("starting agents count as capacity on its way").isEqualTo("8");
        assertThat(cores.selectFirst(".verdict").text()).isEqualTo("met");
        assertThat(cores.selectFirst("rect.bar-free").attr("width")).isEqualTo("300");
        Element memory = booting.selectFirst("#capacity [data-dimension=memory]");
        assertThat(memory.selectFirst(".dimension").text()).isEqualTo("memory MB");
        assertThat(memory.selectFirst(".free").text()).isEqualTo("16384");
        assertThat(memory.selectFirst("rect.bar-target").attr("width")).isEqualTo("0");
        assertThat(count(booting, "starting")).isEqualTo("2");
        assertThat(booting.selectFirst("#agent-states li[data-state=starting] a").attr("href"))
                .isEqualTo("/agents?zone_id=" + zone + "&state=starting");

        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("both agents checked in", () -> s.agents(zone, AgentState.RUNNING).size() == 2);
        Document running = dashboard(zone);
        assertThat(count(running, "running")).isEqualTo("2");
        assertThat(count(running, "starting")).isEqualTo("0");
        assertThat(running.selectFirst("#agent-states li[data-state=failed]").text()).isEqualTo("0 failed (last 24 h)");
        assertThat(running.getElementById("primary").text())
                .startsWith("Primary manager: " + s.app.engine().loop.managerId() + " (lease until ");
        assertThat(running.getElementById("plan-idle").text()).isEqualTo("Nothing to do now.");
        assertThat(running.getElementById("plan-notes").text()).contains("nothing to add: free cores 8 = target 8");
        assertThat(running.getElementById("dashboard").attr("data-refresh")).isEqualTo("5");
        assertNoInlineCode(running);
    }

    @Test
    void providersSayWhetherTheyAreAtTheirCapOrBackingOffAndThePlanSaysWhyNothingMoreHappens() {
        long zone = s.zone(Map.of("standby_cores", 12));
        s.simProvider(zone, Map.of("name", "small-" + zone, "priority", 0, "max_instances", 1));
        s.simProvider(zone, Map.of("name", "failing-" + zone, "priority", 1, "sim_failure_rate", 1));
        s.step(zone);

        Document d = dashboard(zone);
        assertThat(d.select("#vm-provider-status li")).hasSize(2);
        assertThat(d.select("#vm-provider-status li").get(0).text()).isEqualTo("small-" + zone + ": at cap (1 of max 1)");
        Element failing = d.select("#vm-provider-status li").get(1);
        assertThat(failing.text()).matches("failing-" + zone + ": backing off until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
                + " UTC after capacity: simulated: insufficient capacity for .*");
        assertThat(failing.selectFirst("span").hasClass("error")).isTrue();
        assertThat(d.selectFirst("#capacity [data-dimension=cores] .verdict").text()).isEqualTo("short by 8");
        assertThat(d.getElementById("plan-idle")).as("nothing more can be ordered now").isNotNull();
        assertThat(d.select("#plan-notes li").eachText()).anyMatch(n -> n.equals("small-" + zone
                        + " is at its cap (1 of max 1)"))
                .anyMatch(n -> n.startsWith("failing-" + zone + " is backing off until"))
                .anyMatch(n -> n.startsWith("still short after every provider"));

        assertThat(health(zone).text()).matches("provider failing-" + zone + " backing off until \\d\\d:\\d\\d UTC: "
                + "4 of 12 wanted cores free, 1 agent starting");
        assertThat(health(zone).hasClass("error")).isTrue();
    }

    @Test
    void aZoneWithoutProvidersShowsItsConfigurationErrorAndHowToAddOne() {
        long zone = s.zone(Map.of("standby_cores", 4));

        Document d = dashboard(zone);
        assertThat(d.getElementById("config-errors").attr("role")).isEqualTo("alert");
        assertThat(d.getElementById("config-errors").text()).contains("the target of 4 cores more can never be met")
                .contains("the zone has no VM provider");
        assertThat(d.selectFirst("#vm-provider-status .empty").text()).startsWith("No VM provider yet — add one");
        assertThat(d.selectFirst("#vm-provider-status .empty a").attr("href")).isEqualTo("#add-provider");
        assertThat(d.getElementById("add-provider").tagName()).isEqualTo("form");
        assertThat(d.selectFirst("#staged .empty").text()).startsWith("No staged sessions configured");
        assertThat(d.getElementById("vm-providers")).as("the settings sections stay below").isNotNull();

        assertThat(health(zone).text()).startsWith("config error: the target of 4 cores more can never be met");
        assertThat(health(zone).hasClass("error")).isTrue();
    }

    @Test
    void aZoneWithScalingDisabledSaysSoAndOnlyExplainsWhatItWouldDo() {
        long zone = s.zone(Map.of("standby_cores", 4, "scaling_enabled", false));
        s.simProvider(zone, Map.of());
        s.step(zone);

        Document d = dashboard(zone);
        assertThat(d.getElementById("scaling-disabled").text()).startsWith("Scaling is disabled for this zone");
        assertThat(d.select("#plan-actions li").eachText()).singleElement().asString().contains("+1 agent of 4 cores");
        assertThat(d.select("#plan-notes li").first().text())
                .isEqualTo("scaling is disabled for this zone: nothing below is carried out");
        assertThat(s.agents(zone)).isEmpty();

        assertThat(health(zone).text()).isEqualTo("scaling disabled: 0 of 4 wanted cores free, no agents");
        assertThat(health(zone).hasClass("warning")).isTrue();
    }

    @Test
    void stagedSessionsShowHowManyAreReadyOfThoseWanted() {
        long zone = s.zone(Map.of("standby_cores", 0));
        s.simProvider(zone, Map.of("sim_boot_seconds", 10));
        long image = s.image(2);
        assertThat(s.api.post("/api/v1/zones/" + zone + "/staging-configs", Map.of("image_id", image,
                "num_sessions", 2, "expiration", 1)).status()).isEqualTo(201);
        String imageName = s.api.get("/api/v1/images/" + image).body().get("name").asText();

        assertThat(dashboard(zone).select("#staged tbody tr").eachText()).containsExactly(imageName + " 0 2");
        assertThat(dashboard(zone).selectFirst("#capacity [data-dimension=cores] .target").text())
                .as("the target includes what staging needs").isEqualTo("4");

        s.step(zone);
        s.advance(zone, Duration.ofSeconds(10));
        Scenario.await("the agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        s.step(zone);
        assertThat(dashboard(zone).select("#staged tbody tr").eachText()).containsExactly(imageName + " 2 2");
        assertThat(health(zone).text()).isEqualTo("healthy: 0 of 0 wanted cores free, 1 agent running");
    }

    @Test
    void theEngineWritesOneCapacitySampleAMinuteNotOneAPassAndTheChartDrawsThem() {
        long zone = s.zone(Map.of("standby_cores", 4));
        s.simProvider(zone, Map.of());
        assertThat(dashboard(zone).getElementById("chart-empty").text())
                .startsWith("No samples yet — the engine records one a minute");

        Instant start = s.clock.instant();
        s.step(zone);
        for (int i = 0; i < 18; i++) {
            s.advance(zone, Duration.ofSeconds(10));
        }

        assertThat(s.app.repositories().capacityHistory().since(zone, start)).as("55 passes in 3 minutes")
                .extracting(CapacitySample::at)
                .containsExactly(start, start.plusSeconds(60), start.plusSeconds(120), start.plusSeconds(180));
        Document d = dashboard(zone);
        assertThat(d.getElementById("chart-empty")).isNull();
        Element chart = d.selectFirst("#capacity-history svg.chart");
        assertThat(chart.attr("role")).isEqualTo("img");
        assertThat(chart.selectFirst("title").text()).startsWith("Free and target cores, ");
        assertThat(chart.select("polyline.series-free")).singleElement()
                .satisfies(p -> assertThat(p.attr("points").split(" ")).hasSize(4));
        assertThat(chart.select("polyline.series-target")).hasSize(1);
        assertThat(chart.select(".legend text").eachText()).containsExactly("free cores", "target cores");
        assertThat(chart.select("text.y-label").eachText()).startsWith("0").isNotEmpty();
        assertThat(chart.select("text.axis-name").eachText()).containsExactly("cores", "time (UTC)");
    }

    @Test
    void theHomePageLinksEachZoneToItsDashboardAgentsAndEventsWithoutInlineCode() {
        long zone = s.zone(Map.of("standby_cores", 0));
        Document home = Jsoup.parse(s.page("/"));

        Element row = home.selectFirst("tr[data-zone-id=" + zone + "]");
        assertThat(row.select("td.links a").eachAttr("href")).containsExactly("/zones/" + zone,
                "/agents?zone_id=" + zone, "/events?zone_id=" + zone);
        assertThat(row.selectFirst("td.health").text()).isEqualTo("healthy: 0 of 0 wanted cores free, no agents");
        assertNoInlineCode(home);
    }

    private static Document dashboard(long zone) {
        return Jsoup.parse(s.page("/zones/" + zone));
    }

    private static Element health(long zone) {
        return Jsoup.parse(s.page("/")).selectFirst("tr[data-zone-id=" + zone + "] td.health");
    }

    private static String count(Document d, String state) {
        return d.selectFirst("#agent-states li[data-state=" + state + "] .count").text();
    }

    /** The CSP allows no inline script or style: nothing on the page may need one. */
    private static void assertNoInlineCode(Document d) {
        assertThat(d.select("script:not([src])")).isEmpty();
        assertThat(d.select("style, [style]")).isEmpty();
        assertThat(d.select("[^on]")).as("no inline event handlers").isEmpty();
    }
}
