package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.AgentPageReading.assertNoInlineScriptOrStyle;
import static org.skyhold.app.pages.AgentPageReading.cell;
import static org.skyhold.app.pages.AgentPageReading.listed;
import static org.skyhold.app.pages.AgentPageReading.staticAgent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.skyhold.app.engine.Scenario;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/**
 * The agents list on the real engine and simulated cloud. The first test needs an installation without zones,
 * so it runs first; the others each make their own zones and filter by them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentListPageTest extends ScenarioPageTest {

    @Test
    @Order(1)
    void withoutZonesTheListSaysToAddOne() {
        PageClient.Page page = browser.get("/agents");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().selectFirst("#agents-live .empty").text()).contains("No zone yet");
        assertThat(page.doc().select("#agents-live .empty a").attr("href")).isEqualTo("/zones/new");
        assertNoInlineScriptOrStyle(page);
    }

    @Test
    void eachAgentShowsItsZoneProviderStateAddressesDnsNameAndCapacityAsItBoots() {
        long dns = s.api.post("/api/v1/dns-providers", Map.of("kind", "simulated", "name", "dns-" + System.nanoTime()))
                .body().get("id").asLong();
        long zone = s.zone(Map.of("name", "east-" + System.nanoTime(), "standby_cores", 4, "register_dns", true,
                "dns_provider_id", dns, "base_domain_name", "agents.page.test"));
        String providerName = "sim-east-" + System.nanoTime();
        s.simProvider(zone, Map.of("name", providerName, "sim_boot_seconds", 30));
        String zoneName = s.api.get("/api/v1/zones/" + zone).body().get("name").asText();

        s.step(zone);
        Agent booting = s.agents(zone).get(0);
        PageClient.Page starting = browser.get("/agents?zone_id=" + zone);
        assertThat(listed(starting)).containsExactly(booting.id());
        assertThat(cell(starting, booting.id(), "c-zone")).isEqualTo(zoneName);
        assertThat(starting.doc().selectFirst("#agent-" + booting.id() + " td.c-zone a").attr("href"))
                .isEqualTo("/zones/" + zone);
        assertThat(cell(starting, booting.id(), "c-provider")).isEqualTo("Simulated (in memory) · " + providerName);
        assertThat(cell(starting, booting.id(), "c-state")).isEqualTo("starting for 0 s");
        assertThat(cell(starting, booting.id(), "c-capacity")).isEqualTo("not reported yet");
        assertThat(cell(starting, booting.id(), "c-seen")).isEqualTo("never");
        assertThat(cell(starting, booting.id(), "c-instance")).isEqualTo(booting.instanceId());

        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("the agent checked in", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        s.clock.advance(Duration.ofSeconds(12));
        Agent running = s.agents(zone).get(0);
        PageClient.Page page = browser.get("/agents?zone_id=" + zone);
        assertThat(cell(page, running.id(), "c-state")).isEqualTo("running for 12 s");
        assertThat(cell(page, running.id(), "c-dns")).isEqualTo(running.id() + ".agents.page.test");
        assertThat(cell(page, running.id(), "c-capacity")).isEqualTo("4 cores · 0 GPUs · 8192 MB");
        assertThat(cell(page, running.id(), "c-public-ip")).isEqualTo(running.publicIp()).isNotEqualTo("—");
        assertThat(cell(page, running.id(), "c-private-ip")).isEqualTo(running.privateIp()).isNotEqualTo("—");
        assertThat(cell(page, running.id(), "c-sessions")).isEqualTo("0");
        assertThat(cell(page, running.id(), "c-age")).isEqualTo("42 s");
        assertThat(cell(page, running.id(), "c-seen")).endsWith(" s ago");
        assertThat(page.doc().selectFirst("#agent-" + running.id() + " td.c-id a").attr("href"))
                .isEqualTo("/agents/" + running.id());
        assertNoInlineScriptOrStyle(page);
    }

    @Test
    void theTableIsALiveRegionAndTheFilterFormStaysOutsideIt() {
        PageClient.Page page = browser.get("/agents");
        Element live = page.doc().getElementById("agents-live");

        assertThat(live.attr("data-refresh")).isEqualTo("3");
        assertThat(live.select("#agent-filters")).isEmpty();
        assertThat(page.form("#agent-filters").method()).isEqualTo("get");
    }

    @Test
    void filtersByZoneProviderAndStateLiveInTheUrlAndDestroyedAgentsShowOnlyWhenAskedFor() {
        long east = s.zone(Map.of("standby_cores", 4));
        long eastProvider = s.simProvider(east, Map.of("sim_boot_seconds", 600));
        long west = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        s.step(east);
        String vm = s.agents(east).get(0).id();
        // the list is newest first; agents made at one instant would tie
        s.clock.advance(Duration.ofSeconds(1));
        String rack = staticAgent(s, east, "rack-1");
        s.clock.advance(Duration.ofSeconds(1));
        String gone = staticAgent(s, east, "rack-2");
        assertThat(s.api.delete("/api/v1/agents/" + gone).status()).isEqualTo(200);
        String westRack = staticAgent(s, west, "rack-3");

        assertThat(listed(browser.get("/agents?zone_id=" + east))).containsExactly(rack, vm);
        assertThat(listed(browser.get("/agents?zone_id=" + east + "&show_destroyed=on")))
                .containsExactly(gone, rack, vm);
        assertThat(listed(browser.get("/agents?zone_id=" + east + "&state=destroyed"))).containsExactly(gone);
        assertThat(listed(browser.get("/agents?zone_id=" + east + "&state=starting"))).containsExactly(vm);
        assertThat(listed(browser.get("/agents?provider_id=" + eastProvider))).containsExactly(vm);
        assertThat(listed(browser.get("/agents?zone_id=" + west + "&provider_id=static"))).containsExactly(westRack);
        assertThat(listed(browser.get("/agents"))).contains(vm, rack, westRack).doesNotContain(gone);

        PageForm form = browser.get("/agents").form("#agent-filters");
        PageClient.Page filtered = browser.submit(form.set("zone_id", Long.toString(east)).set("state", "running"));
        assertThat(listed(filtered)).containsExactly(rack);
        PageForm kept = filtered.form("#agent-filters");
        assertThat(kept.control("zone_id").selectFirst("option[selected]").val()).isEqualTo(Long.toString(east));
        assertThat(kept.control("state").selectFirst("option[selected]").val()).isEqualTo("running");
        assertThat(cell(filtered, rack, "c-provider")).isEqualTo("static");
        assertThat(cell(filtered, rack, "c-capacity")).isEqualTo("8 cores · 1 GPUs · 16384 MB");
    }

    @Test
    void aFilterThatMatchesNothingSaysSoAndAZoneWithoutVmProviderIsNamed() {
        long bare = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));

        PageClient.Page page = browser.get("/agents?zone_id=" + bare + "&state=failed");

        assertThat(listed(page)).isEmpty();
        assertThat(page.doc().selectFirst("#agents-live .empty").text()).contains("No agent matches these filters");
        assertThat(page.doc().selectFirst("#agents-live .no-provider").text()).contains("has no VM provider")
                .contains("add one");
        assertThat(page.doc().select("#agents-live .no-provider a").eachAttr("href"))
                .contains("/zones/" + bare + "#vm-providers");
    }

    @Test
    void aStateThatDoesNotExistIsRefused() {
        assertThat(browser.get("/agents?state=sleeping").status()).isEqualTo(400);
    }

    @Test
    void anIdPastTheRangeOfNumbersIsTheSameClear400AsAnyOtherBadFilter() {
        PageClient.Page zone = browser.get("/agents?zone_id=99999999999999999999999");
        PageClient.Page provider = browser.get("/agents?provider_id=99999999999999999999999");

        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.body()).contains("must be an id from the filter's choices");
        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.body()).contains("must be an id from the filter's choices");
    }

    @Test
    void pastTheRowLimitTheNewestAreShownAndThePageSaysMoreMatch() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        // two days old, so the other tests' newer agents stay among the newest of the whole list
        Instant first = s.clock.instant().minus(Duration.ofDays(2));
        for (int i = 0; i <= AgentListModel.MAX_ROWS; i++) {
            Instant at = first.plusSeconds(i);
            s.app.repositories().agents().insert(new Agent("many-" + zone + "-" + i, zone, null, false,
                    "many-" + i, AgentState.RUNNING, null, "10.7.0.1", null, null, null,
                    new Capacity(4, 0, 8192), at, at, null, null, null, null));
        }

        PageClient.Page page = browser.get("/agents?zone_id=" + zone);

        assertThat(listed(page)).hasSize(AgentListModel.MAX_ROWS)
                .startsWith("many-" + zone + "-" + AgentListModel.MAX_ROWS).doesNotContain("many-" + zone + "-0");
        assertThat(page.doc().selectFirst("#agents-truncated").text())
                .contains("Showing the newest " + AgentListModel.MAX_ROWS + " matching agents; more match");
        assertThat(browser.get("/agents?zone_id=" + zone + "&state=failed").body()).doesNotContain("more match");
    }

    @Test
    void anAutoscaledAgentsCapacityIsWhatTheZoneCountsWithTheOverrideMarkedAndTheReportBeside() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false, "agent_cores_override", 8,
                "agent_memory_override_gb", 32));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 600));
        Instant now = s.clock.instant();
        String id = "overridden-" + zone;
        s.app.repositories().agents().insert(new Agent(id, zone, provider, true, "skyhold-" + id,
                AgentState.RUNNING, "i-0over", null, null, "10.1.0.8", null, new Capacity(4, 1, 16384), now, now,
                now, now, null, null));
        String rack = staticAgent(s, zone, "rack-overrides-do-not-touch");

        PageClient.Page list = browser.get("/agents?zone_id=" + zone);

        String counted = "8 cores (zone override; reported 4) · 1 GPUs · 32768 MB (zone override; reported 16384)";
        assertThat(cell(list, id, "c-capacity")).isEqualTo(counted);
        assertThat(cell(list, rack, "c-capacity")).isEqualTo("8 cores · 1 GPUs · 16384 MB");
        assertThat(browser.get("/agents/" + id).doc().selectFirst("#fact-capacity").text()).isEqualTo(counted);
    }
}
