package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.CspAssertions.assertNoInlineScriptOrStyle;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;

/** The schedule section of the zone page, the window form and its refusals, through the real app. */
class SchedulePagesTest {
    static TestApp app;
    static PageClient browser;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
        api = new ApiClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long zone(String name) {
        return api.post("/api/v1/zones", Map.of("name", name, "standby_cores", 4)).body().get("id").asLong();
    }

    private static int windows(long zone) {
        return api.get("/api/v1/zones/" + zone + "/schedules").body().size();
    }

    @Test
    void aZoneWithoutWindowsSaysSoAndOffersToAddOne() {
        long zone = zone("plain");
        api.post("/api/v1/zones/" + zone + "/vm-providers", Map.of("kind", "simulated", "name", "sim-plain",
                "max_instances", 2, "sim_cores", 4, "sim_memory_mb", 8192));
        PageClient.Page page = browser.get("/zones/" + zone);
        assertThat(page.doc().getElementById("no-windows").text()).startsWith("No standby window");
        assertThat(page.doc().getElementById("schedule-summary").text()).isEqualTo("Now: standby 4 cores");
        assertThat(page.doc().getElementById("add-window").attr("href")).isEqualTo("/zones/" + zone
                + "/schedules/new");
        assertThat(page.doc().getElementById("schedule-now")).as("the dashboard has no schedule line").isNull();
        assertThat(page.doc().select("#vm-providers td.boot-time").eachText()).containsExactly("not measured yet");
        assertNoInlineScriptOrStyle(page.doc());
    }

    @Test
    void aWindowAddedThroughTheFormShowsOnTheWeekViewTheListAndTheDashboard() {
        long zone = zone("office-zone");
        PageClient.Page blank = browser.get("/zones/" + zone + "/schedules/new");
        assertNoInlineScriptOrStyle(blank.doc());
        PageForm form = blank.form("#window-form").set("name", "office").set("day_sat", "true").set("day_sun", "true")
                .set("start", "00:00").set("end", "00:00").set("time_zone", "Europe/Berlin")
                .set("standby_cores", "32").set("lead_minutes", "20").set("drain_at_end", "true");
        PageClient.Page created = browser.submit(form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).isEqualTo("/zones/" + zone + "?notice=created#schedule");

        PageClient.Page page = browser.get("/zones/" + zone);
        assertThat(page.doc().select("#week-view .block.window")).as("every day of the week, all day").hasSize(7);
        assertThat(page.doc().select("#week-view .block.window text").eachText()).containsOnly("office");
        assertThat(page.doc().select("#week-view .block.window rect").eachAttr("width"))
                .as("each a whole day wide").containsOnly(Double.toString(WeekViews.RIGHT - WeekViews.LEFT));
        assertThat(page.doc().select("#windows tbody tr td").eachText()).containsExactly("office",
                "mon tue wed thu fri sat sun", "00:00–00:00 (next day)", "Europe/Berlin", "32 cores", "20 min", "yes",
                "zone's");
        assertThat(page.doc().getElementById("schedule-now").text()).isEqualTo("Schedule: standby 32 cores (window "
                + "\"office\")");
        assertNoInlineScriptOrStyle(page.doc());
    }

    @Test
    void aRefusedFormNamesEachFieldKeepsWhatWasTypedAndSavesNothing() {
        long zone = zone("refusing-zone");
        PageForm form = browser.get("/zones/" + zone + "/schedules/new").form("#window-form").set("name", "bad")
                .set("day_mon", "false").set("day_tue", "false").set("day_wed", "false").set("day_thu", "false")
                .set("day_fri", "false").set("start", "9am").set("time_zone", "Mars/Olympus")
                .set("lead_minutes", "9999");
        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("days")).isEqualTo("Days needs at least one day");
        assertThat(refused.errorOf("start")).isEqualTo("Opens at \"9am\" is not a time of day as HH:MM (00:00 to "
                + "23:59, or 24:00 for an end)");
        assertThat(refused.errorOf("time_zone")).startsWith("Time zone \"Mars/Olympus\" is not an IANA time zone");
        assertThat(refused.errorOf("lead_minutes")).isEqualTo("Lead (minutes) must be between 0 and 720");
        assertThat(refused.errorOf("name")).isNull();
        assertThat(refused.doc().getElementById("start").val()).isEqualTo("9am");
        assertThat(refused.doc().getElementById("window-errors").text()).startsWith("Nothing was saved.");
        assertThat(windows(zone)).isZero();
    }

    @Test
    void anOverlappingWindowIsRefusedNamingBothAndAWindowIsChangedAndDeleted() {
        long zone = zone("overlap-zone");
        api.post("/api/v1/zones/" + zone + "/schedules", Map.of("name", "office", "days", List.of("mon", "tue"),
                "start", "09:00", "end", "18:00", "time_zone", "UTC", "standby_cores", 8));
        PageForm form = browser.get("/zones/" + zone + "/schedules/new").form("#window-form").set("name", "evening")
                .set("start", "17:00").set("end", "22:00");
        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("start")).startsWith("Opens at window \"evening\" overlaps window \"office\"");
        assertThat(windows(zone)).isEqualTo(1);

        long id = api.get("/api/v1/zones/" + zone + "/schedules").body().get(0).get("id").asLong();
        PageClient.Page edit = browser.get("/zones/" + zone + "/schedules/" + id);
        assertThat(edit.doc().getElementById("name").val()).isEqualTo("office");
        assertThat(edit.doc().getElementById("day_mon").hasAttr("checked")).isTrue();
        assertThat(edit.doc().getElementById("day_wed").hasAttr("checked")).isFalse();
        PageClient.Page saved = browser.submit(edit.form("#window-form").set("end", "17:00"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(api.get("/api/v1/zones/" + zone + "/schedules/" + id).body().get("end").asText()).isEqualTo("17:00");

        PageClient.Page deleted = browser.submit(browser.get("/zones/" + zone + "/schedules/" + id)
                .form("#delete-window"));
        assertThat(deleted.location()).isEqualTo("/zones/" + zone + "?notice=deleted#schedule");
        assertThat(windows(zone)).isZero();
    }
}
