package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.AgentPageReading.cell;
import static org.skyhold.app.pages.AgentPageReading.staticAgent;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.app.engine.Scenario;
import org.skyhold.domain.model.AgentState;

/** Drain and destroy from the agents pages: confirmed, CSRF-protected forms that come back with a notice. */
class AgentActionsPageTest extends ScenarioPageTest {

    @Test
    void drainingFromTheFilteredListComesBackToItWithANoticeAndRecordsWhoDidIt() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-drain");
        String list = "/agents?zone_id=" + zone + "&state=running";
        PageClient.Page before = browser.get(list);
        PageForm drain = before.form("#agent-" + rack + " form.drain");
        assertThat(drain.action()).isEqualTo("/agents/" + rack + "/drain");
        assertThat(drain.control("_csrf").val()).isNotBlank();
        assertThat(before.doc().selectFirst("#agent-" + rack + " form.drain").attr("data-confirm"))
                .startsWith("Drain agent " + rack + "?")
                .contains("Skyhold never destroys a static machine");

        PageClient.Page answer = browser.submit(drain);

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.location()).isEqualTo(list + "&notice=agent-draining");
        assertThat(state(rack)).isEqualTo(AgentState.DRAINING);
        PageClient.Page back = browser.get(answer.location());
        assertThat(back.notice()).isEqualTo("The agent is draining: no new sessions are placed on it.");
        assertThat(s.app.repositories().events().list(null, rack, "agent.draining", null, 10)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("admin drained agent " + rack));
        PageClient.Page all = browser.get("/agents?zone_id=" + zone);
        assertThat(cell(all, rack, "c-state")).startsWith("draining");
        assertThat(all.doc().select("#agent-" + rack + " form.drain")).as("no drain for a draining agent").isEmpty();
    }

    @Test
    void destroyIsRefusedWhileTheAgentHoldsSessionsAndTheReasonIsShownUntilEndingThemIsTicked() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-busy");
        long image = s.image(1);
        assertThat(s.requestSession(zone, image, "ann").status()).isEqualTo(201);
        assertThat(s.requestSession(zone, image, "bob").status()).isEqualTo(201);
        String page = "/agents/" + rack;

        PageForm destroy = browser.get(page).form("#agent-live form.destroy");
        PageClient.Page refused = browser.submit(destroy);

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo(page + "?notice=error-agent-has-sessions&agent=" + rack);
        PageClient.Page shown = browser.get(refused.location());
        assertThat(shown.notice()).isEqualTo("Agent " + rack + " holds 2 sessions, so it was not destroyed: drain it "
                + "first, or tick 'end its sessions' to destroy anyway.");
        assertThat(shown.doc().selectFirst("p.notice").hasClass("error")).isTrue();
        assertThat(state(rack)).isEqualTo(AgentState.RUNNING);
        assertThat(s.app.repositories().sessions().listOpenByAgent(rack)).hasSize(2);

        PageClient.Page forced = browser.submit(shown.form("#agent-live form.destroy").set("force", "true"));

        assertThat(forced.location()).isEqualTo(page + "?notice=agent-removed");
        assertThat(state(rack)).isEqualTo(AgentState.DESTROYED);
        assertThat(s.app.repositories().sessions().listOpenByAgent(rack)).isEmpty();
        assertThat(browser.get(forced.location()).notice())
                .isEqualTo("Static agent removed from Skyhold; the machine itself was not touched.");
    }

    @Test
    void aStaticAgentIsRemovedNotDestroyedAndTheQuestionSaysTheMachineKeepsRunning() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-static");

        PageClient.Page list = browser.get("/agents?zone_id=" + zone);
        org.jsoup.nodes.Element remove = list.doc().selectFirst("#agent-" + rack + " form.destroy");

        assertThat(remove.selectFirst("button").text()).isEqualTo("Remove");
        assertThat(remove.attr("data-confirm")).contains("The machine itself keeps running")
                .contains("cannot delete it");
        assertThat(remove.select("input[name=force]")).as("no sessions, nothing to end").isEmpty();
    }

    @Test
    void aVmIsDestroyedInItsCloudAndTheListNoLongerShowsItUnlessDestroyedAgentsAreAskedFor() {
        long zone = s.zone(Map.of("standby_cores", 4));
        s.simProvider(zone, Map.of("sim_boot_seconds", 5));
        s.step(zone);
        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("the VM runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        String vm = s.agents(zone).get(0).id();
        // the standby is met by this one agent; turn scaling off so its destruction is not immediately undone
        assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("scaling_enabled", false)).status()).isEqualTo(200);
        String list = "/agents?zone_id=" + zone;
        PageClient.Page before = browser.get(list);
        assertThat(before.doc().selectFirst("#agent-" + vm + " form.destroy").attr("data-confirm"))
                .startsWith("Destroy agent " + vm + "?").contains("deletes its DNS record and its VM");
        int vms = s.app.engine().simulated.vmCount();

        PageClient.Page answer = browser.submit(before.form("#agent-" + vm + " form.destroy"));

        assertThat(answer.location()).isEqualTo(list + "&notice=agent-destroyed");
        assertThat(state(vm)).isEqualTo(AgentState.DESTROYED);
        assertThat(s.app.engine().simulated.vmCount()).as("the simulated VM is gone").isEqualTo(vms - 1);
        assertThat(AgentPageReading.listed(browser.get(list))).doesNotContain(vm);
        assertThat(AgentPageReading.listed(browser.get(list + "&show_destroyed=on"))).contains(vm);
    }

    @Test
    void aMissingAgentIsNotFoundAndAFormWithoutItsCsrfTokenIsRefused() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        String rack = staticAgent(s, zone, "rack-csrf");
        String csrf = browser.get("/agents").doc().selectFirst("input[name=_csrf]").val();
        assertThat(browser.post("/agents/agnosuchagent/drain", java.util.List.of(Map.entry("_csrf", csrf)))
                .status()).isEqualTo(404);

        PageClient.Page forged = browser.post("/agents/" + rack + "/destroy", java.util.List.of(
                Map.entry("force", "on"), Map.entry("back", "/agents")));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(state(rack)).isEqualTo(AgentState.RUNNING);
    }

    private static AgentState state(String id) {
        return s.app.repositories().agents().find(id).orElseThrow().state();
    }
}
