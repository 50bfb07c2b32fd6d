package org.skyhold.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;

/** The week view and the window form in a real Chromium: what an operator sees, types and gets refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleBrowserTest {
    private TestApp app;
    private Browser browser;
    private long zone;

    @BeforeAll
    void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        ApiClient api = new ApiClient(app);
        zone = api.post("/api/v1/zones", Map.of("name", "week-zone", "standby_cores", 4)).body().get("id").asLong();
        api.post("/api/v1/zones/" + zone + "/schedules", Map.of("name", "night", "days", List.of("mon", "tue", "wed",
                "thu", "fri", "sat", "sun"), "start", "22:00", "end", "06:00", "time_zone", "UTC"));
        browser = Browser.start(app);
        browser.signIn(TestApp.ADMIN_PASSWORD, "/zones/" + zone);
    }

    @AfterAll
    void stop() {
        Browser.stop(browser, app);
    }

    @Test
    void anOperatorAddsAWindowThroughTheFormAfterARefusalAndSeesItOnTheWeekView() {
        browser.open("/zones/" + zone);
        List<WebElement> night = browser.driver().findElements(By.cssSelector("#week-view .block.window rect"));
        assertThat(night).as("a night crossing midnight: two pieces a day, clipped to the week").hasSizeBetween(13, 14);
        WebElement svg = browser.find("#week-view");
        assertThat(svg.getSize().getWidth()).as("the week view is drawn").isGreaterThan(300);

        browser.find("#add-window").click();
        browser.waitUntil("the window form", 10, d -> browser.path().endsWith("/schedules/new") ? true : null);
        browser.type("#name", "office");
        browser.type("#start", "21:00");
        browser.type("#end", "23:00");
        browser.type("#time_zone", "UTC");
        browser.type("#standby_cores", "32");
        browser.find("#window-form button[type=submit]").click();
        String refusal = browser.waitUntil("the refusal", 10, d -> d.findElements(By.id("error-start")).isEmpty()
                ? null : d.findElement(By.id("error-start")).getText());
        assertThat(refusal).startsWith("Opens at window \"office\" overlaps window \"night\"");
        assertThat(browser.find("#standby_cores").getAttribute("value")).as("what was typed is kept").isEqualTo("32");

        browser.type("#start", "09:00");
        browser.type("#end", "18:00");
        browser.type("#lead_minutes", "20");
        browser.find("#window-form button[type=submit]").click();
        browser.waitUntil("back on the zone page", 10, d -> browser.path().startsWith("/zones/" + zone + "?notice=created")
                ? true : null);
        List<String> labels = browser.driver().findElements(By.cssSelector("#week-view .block.window text")).stream()
                .map(WebElement::getText).toList();
        assertThat(labels).contains("office", "night");
        assertThat(browser.driver().findElements(By.cssSelector("#week-view .block.lead rect"))).hasSize(5);
        assertThat(browser.find("#windows").getText()).contains("office", "mon tue wed thu fri", "09:00–18:00",
                "32 cores", "20 min");
        assertThat(browser.find("#schedule-now").getText()).startsWith("Schedule: standby");
        browser.screenshot("schedule-week", "#schedule");
    }
}
