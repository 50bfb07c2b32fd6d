package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.SettingsAssertions.assertFormShows;
import static org.skyhold.app.pages.SettingsAssertions.assertJsonShows;
import static org.skyhold.app.pages.SettingsAssertions.fill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.settings.ZoneFields;

class ZonePagesTest {
    static TestApp app;
    static PageClient browser;
    static ApiClient api;
    static long dnsId;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
        api = new ApiClient(app);
        dnsId = api.post("/api/v1/dns-providers", SampleSettings.dnsProvider("route53"))
                .body().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyZoneFieldRoundTripsThroughThePagesAndAnUnchangedResubmitKeepsTheSecret() {
        Map<String, String> sample = SampleSettings.zone(dnsId);
        PageForm form = browser.get("/zones/new").form("#settings");
        fill(form, ZoneFields.ALL, sample);

        PageClient.Page created = browser.submit(form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).matches("/zones/\\d+\\?notice=created");
        long id = Long.parseLong(created.location().replaceAll("\\D+(\\d+)\\?.*", "$1"));

        PageClient.Page zone = browser.get(created.location());
        assertThat(zone.status()).isEqualTo(200);
        assertThat(zone.notice()).isEqualTo("Created.");
        assertFormShows(zone, ZoneFields.ALL, sample);
        JsonNode before = api.get("/api/v1/zones/" + id).body();
        assertJsonShows(before, ZoneFields.ALL, sample);

        PageForm unchanged = zone.form("#settings");
        assertThat(unchanged.control("nginx_key").wholeText()).isEmpty();
        PageClient.Page saved = browser.submit(unchanged);
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/zones/" + id + "?notice=saved");
        JsonNode after = api.get("/api/v1/zones/" + id).body();
        assertThat(after.get("nginx_key").get("set").asBoolean()).isTrue();
        assertThat(withoutUpdateTime(after)).isEqualTo(withoutUpdateTime(before));
    }

    @Test
    void theDnsProviderIsPickedByNameFromTheExistingOnesOrNone() {
        Element select = browser.get("/zones/new").doc().getElementById("dns_provider_id");
        assertThat(select.tagName()).isEqualTo("select");
        assertThat(select.select("option").eachAttr("value")).containsExactly("", Long.toString(dnsId));
        assertThat(select.select("option").eachText()).containsExactly("none", "route53-dns (Amazon Route 53)");
    }

    @Test
    void theZonePageShowsTheCertificateAndWarnsWhenItDoesNotCoverTheBaseDomain() {
        Map<String, String> fitting = SampleSettings.zone(null);
        fitting.put("name", "cert-fits");
        PageClient.Page good = browser.get("/zones/" + api.post("/api/v1/zones", fitting).body().get("id").asLong());
        assertThat(good.doc().getElementById("cert-subject").text()).isEqualTo("CN=*.agents.example.com");
        assertThat(good.doc().getElementById("cert-sans").text()).isEqualTo("*.agents.example.com, agents.example.com");
        assertThat(good.doc().getElementById("cert-expiry").text()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(good.doc().getElementById("cert-warning")).isNull();

        Map<String, String> other = SampleSettings.zone(null);
        other.putAll(Map.of("name", "cert-misfits", "base_domain_name", "other.example.org"));
        PageClient.Page bad = browser.get("/zones/" + api.post("/api/v1/zones", other).body().get("id").asLong());
        assertThat(bad.doc().getElementById("cert-warning").text()).contains("does not cover *.other.example.org");
    }

    @Test
    void aRefusedNewZoneIsShownAgainWithTheMessageBesideTheFieldTheTypedValuesKeptAndNothingSaved() {
        int zonesBefore = api.get("/api/v1/zones").body().size();
        Map<String, String> sample = SampleSettings.zone(dnsId);
        sample.putAll(Map.of("name", "refused-zone", "standby_cores", "-1"));
        PageForm form = browser.get("/zones/new").form("#settings");
        fill(form, ZoneFields.ALL, sample);

        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("standby_cores")).isEqualTo("Standby cores must be a whole number from 0 to 1000000");
        PageForm shown = refused.form("#settings");
        assertThat(shown.control("standby_cores").attr("value")).isEqualTo("-1");
        assertThat(shown.control("name").attr("value")).isEqualTo("refused-zone");
        assertThat(shown.control("base_domain_name").attr("value")).isEqualTo(SampleSettings.BASE_DOMAIN);
        assertThat(shown.control("scaling_enabled").hasAttr("checked")).isTrue();
        assertThat(shown.control("load_balance_strategy").selectFirst("option[selected]").val()).isEqualTo("least_loaded");
        assertThat(shown.control("nginx_cert").wholeText()).isEqualTo(SampleSettings.NGINX_CERT);
        assertThat(refused.body()).doesNotContain(SampleSettings.keyBody(SampleSettings.NGINX_KEY));
        assertThat(api.get("/api/v1/zones").body().size()).isEqualTo(zonesBefore);
    }

    @Test
    void aRefusedChangeIsShownOnTheZonePageAndChangesNothing() {
        long id = api.post("/api/v1/zones", Map.of("name", "steady", "standby_cores", 4)).body().get("id").asLong();
        PageForm form = browser.get("/zones/" + id).form("#settings");
        form.set("standby_cores", "8").set("agent_missing_after", "600").set("agent_dead_after", "60");

        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("agent_dead_after")).isEqualTo("Dead after (s) must be at least agent_missing_after (600)");
        assertThat(refused.form("#settings").control("standby_cores").attr("value")).isEqualTo("8");
        assertThat(refused.doc().getElementById("vm-providers")).as("still the whole zone page").isNotNull();
        assertThat(api.get("/api/v1/zones/" + id).body().get("standby_cores").asInt()).isEqualTo(4);
    }

    @Test
    void aZoneWithoutProvidersSaysHowToAddOneAndDeletingItLeadsHome() {
        long id = api.post("/api/v1/zones", Map.of("name", "short-lived")).body().get("id").asLong();
        PageClient.Page zone = browser.get("/zones/" + id);
        assertThat(zone.doc().select("#vm-providers .empty").text()).startsWith("No VM provider yet — add one");
        assertThat(zone.doc().select("#add-kind option").eachAttr("value"))
                .containsExactlyElementsOf(TestCatalog.vmIds());

        PageClient.Page deleted = browser.submit(zone.form("#danger form"));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.location()).isEqualTo("/?notice=deleted");
        assertThat(browser.get("/?notice=deleted").notice()).isEqualTo("Deleted.");
        assertThat(browser.get("/zones/" + id).status()).isEqualTo(404);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        PageClient.Page refused = browser.post("/zones", List.of(Map.entry("name", "forged")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/zones").raw()).doesNotContain("forged");
    }

    private static JsonNode withoutUpdateTime(JsonNode zone) {
        ObjectNode copy = zone.deepCopy();
        copy.remove("updated_at");
        return copy;
    }
}
