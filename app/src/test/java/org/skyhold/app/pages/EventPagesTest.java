package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.CspAssertions.assertNoInlineScriptOrStyle;

import java.sql.Statement;
import java.sql.SQLException;
import java.sql.DriverManager;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.engine.Scenario;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;

/**
 * The events page reads the decision log: each test writes events of kinds and agents no other test uses, so the
 * filters it sets see only its own.
 */
class EventPagesTest {
    /** Long past, so the events of these tests sort below those of "now" on an unfiltered page. */
    private static final Instant T0 = Instant.parse("2021-05-06T07:08:09.750Z");
    static TestApp app;
    static PageClient browser;
    static ApiClient api;
    static EventRepository log;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
        api = new ApiClient(app);
        log = app.skyhold.repositories().events();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anEventShowsItsTimeToTheSecondItsZoneAndAgentAsLinksItsKindActorAndWholeReason() {
        long zone = zone("shown-zone");
        String reason = "scaled up by 2 agents: free cores 3 < target 8 (standby 8 + staging 0); provider sim-a "
                + "took 2 of its max 10, because it has the lowest priority among the enabled providers";
        Event e = log.append(new Event(0, T0, zone, "ag-shown-1", "test.shown", "system", reason, "{}"));

        PageClient.Page page = browser.get("/events?kind=test.shown");
        Element row = page.doc().getElementById("event-" + e.id());
        assertThat(row).as(page.body()).isNotNull();
        assertThat(row.select("time").text()).isEqualTo("2021-05-06 07:08:09");
        assertThat(row.select("time").attr("datetime")).isEqualTo("2021-05-06T07:08:09Z");
        assertThat(row.select("a[href=/zones/" + zone + "]").text()).isEqualTo("shown-zone");
        assertThat(row.select("a[href=/agents/ag-shown-1]").text()).isEqualTo("ag-shown-1");
        assertThat(row.select("td").eachText()).containsExactly("2021-05-06 07:08:09", "shown-zone", "ag-shown-1",
                "test.shown", "system", reason);
        assertThat(page.doc().select("#event-log th").eachText())
                .containsExactly("Time (UTC)", "Zone", "Agent", "Kind", "Actor", "Reason");
        assertNoInlineScriptOrStyle(page.doc());
    }

    @Test
    void filteringByZoneAgentOrKindEachNarrowsTheRowsAndTheChoiceStaysInTheUrlAndTheForm() {
        long a = zone("filter-a");
        long b = zone("filter-b");
        append(a, "ag-filter-1", "test.filter-up", "a up");
        append(a, "ag-filter-2", "test.filter-down", "a down");
        append(b, "ag-filter-1", "test.filter-up", "b up");

        PageClient.Page all = browser.get("/events");
        assertThat(reasons(all)).contains("a up", "a down", "b up");
        assertThat(all.doc().select("#filter-kind option").eachAttr("value"))
                .contains("", "test.filter-up", "test.filter-down", "zone.created");
        assertThat(all.doc().select("#filter-zone option").eachText()).contains("any zone", "filter-a", "filter-b");

        PageClient.Page byZone = browser.submit(all.form("#event-filters").set("zone_id", Long.toString(a)));
        assertThat(byZone.status()).isEqualTo(200);
        assertThat(reasons(byZone)).contains("a up", "a down").doesNotContain("b up");
        assertThat(byZone.doc().select("#event-log td:eq(1)").eachText()).containsOnly("filter-a");
        assertThat(byZone.form("#event-filters").control("zone_id").selectFirst("option[selected]").val())
                .isEqualTo(Long.toString(a));

        PageClient.Page byAgent = browser.submit(filterForm().set("agent_id", "ag-filter-1"));
        assertThat(reasons(byAgent)).containsExactly("b up", "a up");
        assertThat(byAgent.form("#event-filters").control("agent_id").val()).isEqualTo("ag-filter-1");

        PageClient.Page byKind = browser.submit(filterForm().set("kind", "test.filter-down"));
        assertThat(reasons(byKind)).containsExactly("a down");
        assertThat(byKind.form("#event-filters").control("kind").selectFirst("option[selected]").val())
                .isEqualTo("test.filter-down");

        PageClient.Page together = browser.get("/events?zone_id=" + b + "&agent_id=ag-filter-1&kind=test.filter-up");
        assertThat(reasons(together)).containsExactly("b up");
        assertThat(browser.get("/events?zone_id=" + b + "&kind=test.filter-down").doc().select("#event-log .empty")
                .text()).startsWith("No events match these filters");
    }

    @Test
    void olderPagesFollowTheLastEventShownWithoutOverlapAndNewestLeadsBackToTheLivePage() {
        for (int i = 0; i < 120; i++) {
            log.append(Event.of(T0.minusSeconds(1000 - i), null, null, "test.paging", "system", "p" + i));
        }

        PageClient.Page first = browser.get("/events?kind=test.paging");
        assertThat(reasons(first)).hasSize(50).startsWith("p119").endsWith("p70");
        assertThat(first.doc().getElementById("event-log").attr("data-refresh")).isEqualTo("5");
        assertThat(first.doc().select("#event-log #event-filters")).as("the filter form is outside the live region")
                .isEmpty();
        assertThat(first.doc().select("a[rel=first]")).as("the first page links to no newer page").isEmpty();
        long lastShown = idOf(first.doc().select("#event-log tbody tr").last());
        String older = first.doc().selectFirst("a[rel=next]").attr("href");
        assertThat(older).isEqualTo("/events?kind=test.paging&before=" + lastShown);
        assertThat(first.doc().selectFirst("a[rel=next]").text()).isEqualTo("Older events");

        PageClient.Page second = browser.get(older);
        assertThat(reasons(second)).hasSize(50).startsWith("p69").endsWith("p20");
        assertThat(second.doc().getElementById("event-log").hasAttr("data-refresh")).as("an older page is still")
                .isFalse();
        PageClient.Page third = browser.get(second.doc().selectFirst("a[rel=next]").attr("href"));
        assertThat(reasons(third)).hasSize(20).startsWith("p19").endsWith("p0");
        assertThat(third.doc().select("a[rel=next]")).as("nothing is older than the oldest").isEmpty();

        List<String> walked = new ArrayList<>(reasons(first));
        walked.addAll(reasons(second));
        walked.addAll(reasons(third));
        assertThat(walked).doesNotHaveDuplicates().hasSize(120);

        String newest = third.doc().selectFirst("a[rel=first]").attr("href");
        assertThat(newest).isEqualTo("/events?kind=test.paging");
        assertThat(third.doc().selectFirst("a[rel=first]").text()).isEqualTo("Newest");
        assertThat(reasons(browser.get(newest))).isEqualTo(reasons(first));
        assertNoInlineScriptOrStyle(second.doc());
    }

    @Test
    void aFilterThatIsNotANumberIsNamedOnThePageInsteadOfFailing() {
        PageClient.Page badZone = browser.get("/events?zone_id=abc");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.doc().getElementById("filter-errors").text())
                .contains("The filter zone_id must be a whole number", "\"abc\"");
        assertThat(badZone.doc().getElementById("event-log")).as("no rows that would look like an answer").isNull();
        assertThat(badZone.doc().getElementById("event-filters")).as("the form to fix it").isNotNull();

        PageClient.Page badBefore = browser.get("/events?kind=test.shown&before=12x");
        assertThat(badBefore.status()).isEqualTo(400);
        assertThat(badBefore.doc().getElementById("filter-errors").text())
                .contains("The filter before must be a whole number").doesNotContain("zone_id");
        assertNoInlineScriptOrStyle(badBefore.doc());
    }

    @Test
    void anEmptyLogSaysWhereEventsComeFrom() throws SQLException {
        Map<String, String> env = TestApp.env(TestApp.newDataDir());
        try (TestApp fresh = TestApp.start(env)) {
            PageClient signedIn = PageClient.signIn(fresh);
            // signing in is an event itself: empty the log the way a new installation's is before anyone acts
            try (Connection c = DriverManager.getConnection(env.get("SKYHOLD_DATABASE_URL"),
                    env.get("SKYHOLD_DATABASE_USER"), env.get("SKYHOLD_DATABASE_PASSWORD"));
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM events");
            }
            PageClient.Page page = signedIn.get("/events");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.doc().select("#event-log .empty").text())
                    .isEqualTo("No events yet — they appear when you change settings or the engine acts.");
            assertThat(page.doc().select("#event-log table")).isEmpty();
        }
    }

    @Test
    void changingASettingOnAPageIsAnEventOnTheEventsPage() {
        PageForm form = browser.get("/images/new").form("#settings");
        browser.submit(form.set("name", "event-image").set("cores", "2"));

        PageClient.Page page = browser.get("/events?kind=image.created");
        assertThat(page.doc().select("#event-log tbody tr")).singleElement().satisfies(row -> {
            assertThat(row.select("td").get(4).text()).isEqualTo("admin");
            assertThat(row.select("td.reason").text()).isEqualTo("admin added image event-image");
        });
    }

    @Test
    void theEnginesDecisionsShowWithTheirReasonAndALinkToTheAgentTheyConcern() {
        try (Scenario story = Scenario.start()) {
            long zone = story.zone(Map.of("standby_cores", 8));
            story.simProvider(zone, Map.of("sim_cores", 4));
            story.step(zone);

            Document page = Jsoup.parse(story.page("/events?zone_id=" + zone + "&kind=agent.created"));
            List<String> agents = story.agents(zone).stream().map(a -> a.id()).toList();
            assertThat(agents).hasSize(2);
            assertThat(page.select("#event-log tbody tr")).hasSize(2).allSatisfy(row -> {
                String agent = row.select("td").get(2).text();
                assertThat(agents).contains(agent);
                assertThat(row.select("td").get(2).selectFirst("a").attr("href")).isEqualTo("/agents/" + agent);
                assertThat(row.select("td.reason").text()).startsWith("created agent " + agent + " on ");
            });
        }
    }

    /** The filter form of a fresh page: a form once set keeps its values, as in a browser. */
    private static PageForm filterForm() {
        return browser.get("/events").form("#event-filters");
    }

    private static long zone(String name) {
        return api.post("/api/v1/zones", Map.of("name", name)).body().get("id").asLong();
    }

    private static void append(long zoneId, String agentId, String kind, String reason) {
        log.append(Event.of(Instant.now(), zoneId, agentId, kind, "system", reason));
    }

    private static List<String> reasons(PageClient.Page page) {
        return page.doc().select("#event-log td.reason").eachText();
    }

    private static long idOf(Element row) {
        return Long.parseLong(row.id().substring("event-".length()));
    }
}
