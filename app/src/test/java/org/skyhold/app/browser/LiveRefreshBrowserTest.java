package org.skyhold.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;

/**
 * The page script's live regions in a real Chromium: they are replaced while nobody uses them, keep an operator's
 * unsent tick, and stop with a sign-in link when the session ends instead of retrying forever.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveRefreshBrowserTest {
    private TestApp app;
    private Browser browser;
    private String agentPage;

    @BeforeAll
    void startWithOneAgentHoldingASession() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        ApiClient api = new ApiClient(app);
        long zone = api.post("/api/v1/zones", Map.of("name", "live-zone", "scaling_enabled", true,
                "standby_cores", 2)).body().get("id").asLong();
        api.post("/api/v1/zones/" + zone + "/vm-providers", Map.of("kind", "simulated", "name", "sim-live",
                "max_instances", 3, "sim_cores", 4, "sim_memory_mb", 8192, "sim_boot_seconds", 0));
        long image = api.post("/api/v1/images", Map.of("name", "img-live", "cores", 1, "gpus", 0, "memory_mb", 512))
                .body().get("id").asLong();
        String agent = null;
        for (int i = 0; i < 150 && agent == null; i++) {
            ApiClient.Answer a = api.post("/api/v1/sessions", Map.of("zone_id", zone, "image_id", image, "user", "u1"));
            if (a.status() == 201) {
                agent = a.body().get("agent_id").asText();
            } else {
                sleep(200);
            }
        }
        assertThat(agent).as("a session was placed on a simulated agent").isNotNull();
        agentPage = "/agents?zone_id=" + zone;
        browser = Browser.start(app);
        browser.signIn(TestApp.ADMIN_PASSWORD, agentPage);
    }

    @AfterAll
    void stop() {
        Browser.stop(browser, app);
    }

    @Test
    @Order(1)
    void anUntouchedLiveRegionIsReplacedAndAnUnsentTickIsKept() {
        markTable();
        browser.waitUntil("the table replaced by a refresh", 15, d -> marked() ? null : true);

        // tick "end its sessions" without focusing it (as Safari does), then look away from it
        browser.driver().executeScript("var box = document.querySelector('#agents-live input[name=force]');"
                + "box.checked = true; box.blur();");
        markTable();
        sleep(7_000); // two refresh periods of the agents page
        assertThat(marked()).as("a region holding an unsent choice is not replaced").isTrue();
        assertThat(browser.find("#agents-live input[name=force]").isSelected()).isTrue();

        browser.driver().executeScript("document.querySelector('#agents-live input[name=force]').checked = false;");
        browser.waitUntil("refreshes resume once the choice is undone", 15, d -> marked() ? null : true);
    }

    @Test
    @Order(2) // last: it ends the session
    void aPageWhoseSessionEndedStopsAndOffersToSignInAgain() {
        browser.open(agentPage);
        browser.driver().manage().deleteAllCookies();
        String said = browser.waitUntil("the page to notice", 15,
                d -> browser.find("#refresh-state").getText().contains("session has ended")
                        ? browser.find("#refresh-state").getText() : null);
        assertThat(said).contains("sign in again");
        assertThat(browser.find("#refresh-state a").getAttribute("href")).contains("/login?next=");
    }

    private void markTable() {
        browser.driver().executeScript("document.querySelector('#agents-live table').dataset.mark = 'old';");
    }

    private boolean marked() {
        return Boolean.TRUE.equals(browser.driver().executeScript(
                "var t = document.querySelector('#agents-live table'); return !!t && t.dataset.mark === 'old';"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
