package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.CspAssertions.assertNoInlineScriptOrStyle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.settings.ImageService;

class ImagePagesTest {
    static TestApp app;
    static PageClient browser;
    static ApiClient api;
    /** Read before any test added an image or a zone: what an empty installation shows. */
    static PageClient.Page emptyList;
    static PageClient.Page imageWithoutZones;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
        api = new ApiClient(app);
        emptyList = browser.get("/images");
        imageWithoutZones = browser.get("/images/" + image("lonely", 1));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withoutImagesOrZonesThePagesSayWhatToDoNext() {
        assertThat(emptyList.doc().getElementById("no-images").text())
                .isEqualTo("No image yet — add one: an image says what one session reserves on an agent.");
        assertThat(emptyList.doc().getElementById("add-image").attr("href")).isEqualTo("/images/new");
        assertThat(imageWithoutZones.doc().getElementById("no-zones").text()).startsWith("No zone yet — create a zone");
        assertThat(imageWithoutZones.doc().getElementById("stage-form")).isNull();
        assertNoInlineScriptOrStyle(emptyList.doc());
    }

    @Test
    void anImageAddedThroughTheFormIsListedWithWhatOneSessionReserves() {
        PageClient.Page blank = browser.get("/images/new");
        assertThat(blank.doc().select("#settings label").eachText()).containsExactly("Name *", "Cores per session *",
                "GPUs per session *", "Memory per session (MB) *");
        assertNoInlineScriptOrStyle(blank.doc());
        PageForm form = blank.form("#settings").set("name", "desktop-large").set("cores", "4").set("gpus", "1")
                .set("memory_mb", "8192");

        PageClient.Page created = browser.submit(form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).matches("/images/\\d+\\?notice=created");
        long id = Long.parseLong(created.location().replaceAll("\\D+(\\d+)\\?.*", "$1"));
        PageClient.Page page = browser.get(created.location());
        assertThat(page.notice()).isEqualTo("Created.");
        assertThat(page.doc().selectFirst("h1").text()).isEqualTo("desktop-large");
        assertThat(page.form("#settings").control("memory_mb").val()).isEqualTo("8192");
        assertNoInlineScriptOrStyle(page.doc());

        JsonNode stored = api.get("/api/v1/images/" + id).body();
        assertThat(stored.get("cores").asInt()).isEqualTo(4);
        assertThat(stored.get("gpus").asInt()).isEqualTo(1);
        assertThat(stored.get("memory_mb").asInt()).isEqualTo(8192);
        Element row = browser.get("/images").doc().selectFirst("#image-list a[href=/images/" + id + "]").closest("tr");
        assertThat(row.select("td").eachText()).containsExactly("desktop-large", "4", "1", "8192", "none");
    }

    @Test
    void aRefusedImageIsShownAgainWithTheMessageBesideItsFieldTheTypedValuesKeptAndNothingSaved() {
        int before = api.get("/api/v1/images").body().size();
        PageForm form = browser.get("/images/new").form("#settings").set("name", "refused-image").set("cores", "2")
                .set("memory_mb", "-5");

        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("memory_mb")).startsWith("Memory per session (MB) must be a whole number");
        assertThat(refused.errorOf("cores")).isNull();
        assertThat(refused.doc().select(".errors").text()).startsWith("Nothing was saved.");
        PageForm shown = refused.form("#settings");
        assertThat(shown.control("name").val()).isEqualTo("refused-image");
        assertThat(shown.control("cores").val()).isEqualTo("2");
        assertThat(shown.control("memory_mb").val()).isEqualTo("-5");
        assertThat(api.get("/api/v1/images").body().size()).isEqualTo(before);

        image("taken-name", 1);
        PageClient.Page taken = browser.submit(browser.get("/images/new").form("#settings").set("name", "taken-name"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.errorOf("name")).isEqualTo("Name an image named \"taken-name\" already exists");
        assertNoInlineScriptOrStyle(refused.doc());
    }

    @Test
    void anImageIsChangedOnItsPageAndARefusedChangeChangesNothing() {
        long id = image("editable", 2);
        PageClient.Page saved = browser.submit(browser.get("/images/" + id).form("#settings").set("cores", "6"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/images/" + id + "?notice=saved");
        assertThat(api.get("/api/v1/images/" + id).body().get("cores").asInt()).isEqualTo(6);

        PageClient.Page refused = browser.submit(browser.get("/images/" + id).form("#settings").set("gpus", "65")
                .set("cores", "8"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("gpus")).startsWith("GPUs per session must be a whole number");
        assertThat(refused.form("#settings").control("cores").val()).isEqualTo("8");
        assertThat(refused.doc().getElementById("staging")).as("still the whole image page").isNotNull();
        assertThat(api.get("/api/v1/images/" + id).body().get("cores").asInt()).isEqualTo(6);
    }

    @Test
    void sessionsAreStagedInAZoneFromTheImagePageChangedByStagingAgainAndStoppedFromTheirRow() {
        long id = image("staged-desktop", 2);
        long zone = zone("staging-zone");
        PageClient.Page page = browser.get("/images/" + id);
        assertThat(page.doc().getElementById("no-staging").text()).startsWith("No zone stages this image");

        PageClient.Page staged = browser.submit(page.form("#stage-form").set("zone_id", Long.toString(zone))
                .set("num_sessions", "3").set("expiration", "12"));
        assertThat(staged.status()).as(staged.body()).isEqualTo(303);
        assertThat(staged.location()).isEqualTo("/images/" + id + "?notice=staged");
        PageClient.Page shown = browser.get(staged.location());
        assertThat(shown.notice()).startsWith("Staging saved");
        assertThat(shown.doc().select("#staging-list tbody td").eachText())
                .containsExactly("staging-zone", "3", "12", "Stop staging");
        JsonNode configs = api.get("/api/v1/zones/" + zone + "/staging-configs").body();
        assertThat(configs).singleElement().satisfies(c -> {
            assertThat(c.get("image_id").asLong()).isEqualTo(id);
            assertThat(c.get("num_sessions").asInt()).isEqualTo(3);
            assertThat(c.get("expiration").asInt()).isEqualTo(12);
        });
        assertNoInlineScriptOrStyle(shown.doc());
        zone("staging-zone-2");
        assertThat(browser.get("/images/" + id).form("#stage-form").control("zone_id").selectFirst("option[selected]")
                .val()).as("the form offers a zone that does not stage the image yet").isNotEqualTo(Long.toString(zone));

        browser.submit(shown.form("#stage-form").set("zone_id", Long.toString(zone)).set("num_sessions", "5")
                .set("expiration", "12"));
        assertThat(api.get("/api/v1/zones/" + zone + "/staging-configs").body()).as("changed, not added")
                .singleElement().satisfies(c -> assertThat(c.get("num_sessions").asInt()).isEqualTo(5));

        PageClient.Page refused = browser.submit(browser.get("/images/" + id).form("#stage-form")
                .set("zone_id", Long.toString(zone)).set("num_sessions", "-1").set("expiration", "48"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("num_sessions")).startsWith("Sessions to keep staged must be a whole number");
        assertThat(refused.form("#stage-form").control("num_sessions").val()).isEqualTo("-1");
        assertThat(refused.form("#stage-form").control("expiration").val()).isEqualTo("48");
        assertThat(api.get("/api/v1/zones/" + zone + "/staging-configs").body()).singleElement()
                .satisfies(c -> assertThat(c.get("expiration").asInt()).isEqualTo(12));

        Element stop = browser.get("/images/" + id).doc().selectFirst("#staging-list form");
        assertThat(stop.attr("data-confirm")).isEqualTo("Stop staging staged-desktop in zone staging-zone?");
        PageClient.Page stopped = browser.submit(new PageForm(stop));
        assertThat(stopped.location()).isEqualTo("/images/" + id + "?notice=unstaged");
        assertThat(api.get("/api/v1/zones/" + zone + "/staging-configs").body()).isEmpty();
        assertThat(browser.get(stopped.location()).doc().getElementById("staging-list")).isNull();
    }

    @Test
    void anImageAZoneStagesIsNotDeletedAndThePageSaysWhyThenItIsDeletedOnceUnstaged() {
        long id = image("busy-image", 1);
        long zone = zone("busy-zone");
        browser.submit(browser.get("/images/" + id).form("#stage-form").set("zone_id", Long.toString(zone)));
        PageClient.Page page = browser.get("/images/" + id);
        assertThat(page.doc().selectFirst("#danger form").attr("data-confirm")).isEqualTo("Delete image busy-image?");

        PageClient.Page refused = browser.submit(page.form("#danger form"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.doc().getElementById("delete-error").text())
                .isEqualTo("Not deleted: a zone still stages the image; remove its staging config first.");
        assertThat(api.get("/api/v1/images/" + id).status()).isEqualTo(200);
        assertThat(browser.get("/images").doc().selectFirst("#image-list a[href=/images/" + id + "]").closest("tr")
                .select("td").last().text()).isEqualTo("busy-zone");

        browser.submit(new PageForm(refused.doc().selectFirst("#staging-list form")));
        PageClient.Page deleted = browser.submit(browser.get("/images/" + id).form("#danger form"));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.location()).isEqualTo("/images?notice=deleted");
        assertThat(browser.get("/images/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void theImageFormHasExactlyTheFieldsOfTheImageCatalog() {
        assertThat(browser.get("/images/new").doc().select("#settings [name]:not([name=_csrf])").eachAttr("name"))
                .containsExactlyElementsOf(Forms.names(ImageService.FIELDS));
    }

    private static long image(String name, int cores) {
        return api.post("/api/v1/images", Map.of("name", name, "cores", cores, "gpus", 0, "memory_mb", 1024))
                .body().get("id").asLong();
    }

    private static long zone(String name) {
        return api.post("/api/v1/zones", Map.of("name", name)).body().get("id").asLong();
    }
}
