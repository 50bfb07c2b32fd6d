package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.AgentPageReading.assertNoInlineScriptOrStyle;
import static org.skyhold.app.pages.AgentPageReading.staticAgent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.skyhold.app.engine.Scenario;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.kind.VmProviderKind;

/** One agent's page: its facts, lifecycle, sessions, tags and events, and a 404 page for an unknown id. */
class AgentDetailPageTest extends ScenarioPageTest {

    @Test
    void aBootedVmShowsItsFactsItsLifecycleInOrderItsSessionsAndSkyholdsTags() {
        long zone = s.zone(Map.of("standby_cores", 4));
        s.simProvider(zone, Map.of("sim_boot_seconds", 20));
        long image = s.image(1);
        String imageName = s.api.get("/api/v1/images/" + image).body().get("name").asText();
        s.step(zone);
        s.advance(zone, Duration.ofSeconds(20));
        Scenario.await("the VM runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        Agent vm = s.agents(zone).get(0);
        String session = s.requestSession(zone, image, "ann").body().get("id").asText();

        PageClient.Page page = browser.get("/agents/" + vm.id());

        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page, "#fact-state")).startsWith("running for");
        assertThat(text(page, "#fact-instance")).isEqualTo(vm.instanceId());
        assertThat(text(page, "#fact-public-ip")).isEqualTo(vm.publicIp());
        assertThat(text(page, "#fact-capacity")).isEqualTo("4 cores · 0 GPUs · 8192 MB");
        assertThat(text(page, "#fact-sessions")).isEqualTo("1");
        assertThat(text(page, "#fact-error")).isEqualTo("none");
        assertThat(page.doc().select("#timeline li strong").eachText()).containsSubsequence("agent.created",
                "agent.running");
        assertThat(page.doc().select("#timeline li").get(0).text()).contains("created agent " + vm.id());
        Element row = page.doc().selectFirst("#sessions tbody tr");
        assertThat(row.select("td").eachText()).startsWith(session, "user", "active", "ann", imageName,
                "1 cores · 0 GPUs · 1024 MB");
        assertThat(tags(page)).containsEntry("skyhold-installation", s.app.engine().ports.installationId())
                .containsEntry("skyhold-zone", Long.toString(zone)).containsEntry("skyhold-agent", vm.id());
        assertThat(page.doc().select("#events tbody tr td:nth-child(2)").eachText()).contains("agent.created",
                "agent.running");
        assertThat(page.doc().select("#events a").attr("href")).isEqualTo("/events?agent_id=" + vm.id());
        assertThat(page.doc().getElementById("agent-live").attr("data-refresh")).isEqualTo("3");
        assertThat(page.doc().select("#agent-live form.drain, #agent-live form.destroy")).hasSize(2);
        assertNoInlineScriptOrStyle(page);
    }

    @Test
    void theEventsAreNewestFirstAndTheTimelineOldestFirst() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-order");
        s.clock.advance(Duration.ofSeconds(5));
        s.api.post("/api/v1/agents/" + rack + "/drain", Map.of());

        PageClient.Page page = browser.get("/agents/" + rack);

        assertThat(page.doc().select("#timeline li strong").eachText())
                .containsExactly("agent.registered", "agent.draining");
        assertThat(page.doc().select("#events tbody tr td:nth-child(2)").eachText())
                .containsExactly("agent.draining", "agent.registered");
        assertThat(page.doc().select("#events tbody tr td:nth-child(3)").eachText())
                .containsExactly("admin drained agent " + rack, "admin registered static agent rack-order (10.0.0.9) "
                        + "with 8 cores, 1 GPUs, 16384 MB");
    }

    @Test
    void aBusyAgentsTimelineStillBeginsWithItsRegistrationAfterHundredsOfOtherEvents() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-busy");
        for (int i = 0; i < AgentDetailModel.EVENTS + 50; i++) {
            s.clock.advance(Duration.ofSeconds(1));
            s.app.repositories().events().append(Event.of(s.clock.instant(), zone, rack, "session.placed", "system",
                    "session " + i + " placed"));
        }
        s.api.post("/api/v1/agents/" + rack + "/drain", Map.of());

        PageClient.Page page = browser.get("/agents/" + rack);

        assertThat(page.doc().select("#timeline li strong").eachText())
                .containsExactly("agent.registered", "agent.draining");
        assertThat(page.doc().select("#events tbody tr")).hasSize(AgentDetailModel.EVENTS);
    }

    @Test
    void aStaticAgentSaysItCarriesNoCloudTags() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-tags");

        PageClient.Page page = browser.get("/agents/" + rack);

        assertThat(text(page, "#fact-provider")).isEqualTo("static");
        assertThat(text(page, "#fact-address")).isEqualTo("10.0.0.9");
        assertThat(text(page, "#tags .empty")).contains("Static agents carry no cloud tags");
        assertThat(page.doc().select("#tags table")).isEmpty();
        assertThat(text(page, "#sessions .empty")).isEqualTo("No open session on this agent.");
    }

    @Test
    void theProvidersCustomTagsFollowSkyholdsOwn() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        long provider = disabledProvider(zone, "aws");
        insertAgent("agawstagged1", zone, provider);

        PageClient.Page page = browser.get("/agents/agawstagged1");

        assertThat(text(page, "#fact-provider")).isEqualTo("Amazon EC2 · aws-main");
        assertThat(text(page, "#fact-capacity")).isEqualTo("not reported yet");
        assertThat(page.doc().select("#tags tbody tr td:first-child").eachText()).containsExactly(
                "skyhold-agent", "skyhold-installation", "skyhold-zone", "team", "cost-center");
        assertThat(tags(page)).containsEntry("team", "vdi").containsEntry("cost-center", "42");
    }

    @Test
    void aDropletsTagsAreShownAsThePlainStringsDigitalOceanKeeps() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        long provider = disabledProvider(zone, "digitalocean");
        insertAgent("agdotagged01", zone, provider);
        String installation = s.app.engine().ports.installationId();

        PageClient.Page page = browser.get("/agents/agdotagged01");

        assertThat(page.doc().select("#tags tbody tr td:first-child").eachText()).containsExactly(
                "skyhold-agent:agdotagged01", "skyhold-installation:" + installation,
                "skyhold-zone:" + installation + "-" + zone, "vdi", "env:prod");
        assertThat(tags(page)).containsEntry("vdi", "(plain tag)");
    }

    @Test
    void anUnknownAgentIsA404PageThatLeadsBackToTheList() {
        PageClient.Page page = browser.get("/agents/agnosuchagent");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.doc().selectFirst("h1").text()).isEqualTo("No such agent");
        assertThat(text(page, "#missing")).contains("agnosuchagent");
        assertThat(page.doc().select("#missing a").attr("href")).isEqualTo("/agents?show_destroyed=on");
    }

    /** A provider of the kind with the sample settings, disabled so the engine never calls its cloud. */
    private static long disabledProvider(long zone, String kind) {
        Map<String, String> fields = new HashMap<>(SampleSettings.vmProvider(kind));
        fields.put("enabled", "false");
        var made = s.api.post("/api/v1/zones/" + zone + "/vm-providers", fields);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asLong();
    }

    /** An agent row as the provisioner leaves it after the cloud's create, written past the engine. */
    private static void insertAgent(String id, long zone, long provider) {
        Instant now = s.clock.instant();
        s.app.repositories().agents().insert(new Agent(id, zone, provider, true, "skyhold-" + id,
                AgentState.STARTING, "i-0abc", null, "203.0.113.7", "10.1.0.7", null, Capacity.ZERO, now, now,
                null, null, null, null));
    }

    private static String text(PageClient.Page page, String css) {
        Element e = page.doc().selectFirst(css);
        assertThat(e).as(css + " in\n" + page.body()).isNotNull();
        return e.text();
    }

    private static Map<String, String> tags(PageClient.Page page) {
        Map<String, String> out = new HashMap<>();
        for (Element row : page.doc().select("#tags tbody tr")) {
            List<String> cells = row.select("td").eachText();
            out.put(cells.get(0), cells.get(1));
        }
        return out;
    }
}
