package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.SettingsAssertions.assertFormShows;
import static org.skyhold.app.pages.SettingsAssertions.assertJsonShows;
import static org.skyhold.app.pages.SettingsAssertions.fill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.settings.DnsProviderService;

class DnsProviderPagesTest {
    static TestApp app;
    static PageClient browser;
    static ApiClient api;
    static PageClient.Page emptyList;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
        api = new ApiClient(app);
        emptyList = browser.get("/dns-providers");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theEmptyListSaysWhatToDoNext() {
        assertThat(emptyList.status()).isEqualTo(200);
        assertThat(emptyList.doc().select("p.empty").text()).startsWith("No DNS provider yet — add one");
        assertThat(emptyList.doc().select("#add-dns-provider option").eachAttr("value"))
                .containsExactlyElementsOf(TestCatalog.dnsIds());
    }

    @ParameterizedTest
    @MethodSource("dnsKinds")
    void everyFieldOfEveryKindRoundTripsThroughThePages(String kind) {
        PageForm add = browser.get("/dns-providers").form("#add-dns-provider").set("kind", kind);
        PageClient.Page blank = browser.submit(add);
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.doc().select("#settings legend").eachText()).first().isEqualTo("General");

        Map<String, String> sample = SampleSettings.dnsProvider(kind);
        PageForm form = blank.form("#settings");
        fill(form, DnsProviderService.all(TestCatalog.dns(kind)), sample);
        PageClient.Page created = browser.submit(form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).matches("/dns-providers/\\d+\\?notice=created");
        String path = created.location().substring(0, created.location().indexOf('?'));

        PageClient.Page edit = browser.get(path);
        assertFormShows(edit, DnsProviderService.all(TestCatalog.dns(kind)), sample);
        JsonNode before = api.get("/api/v1" + path).body();
        assertJsonShows(before, DnsProviderService.all(TestCatalog.dns(kind)), sample);

        PageClient.Page saved = browser.submit(edit.form("#settings"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo(path + "?notice=saved");
        JsonNode after = api.get("/api/v1" + path).body();
        assertJsonShows(after, DnsProviderService.all(TestCatalog.dns(kind)), sample);
        assertThat(withoutUpdateTime(after)).isEqualTo(withoutUpdateTime(before));
        assertThat(browser.get("/dns-providers").doc().select("#dns-provider-list a").eachText())
                .contains(sample.get("name"));
    }

    @Test
    void aRefusedValueIsShownBesideItsFieldAndNothingSaved() {
        Map<String, String> sample = SampleSettings.dnsProvider("route53");
        sample.putAll(Map.of("name", "refused-dns", "aws_access_key_id", "not-a-key"));
        PageForm form = browser.get("/dns-providers/new?kind=route53").form("#settings");
        fill(form, DnsProviderService.all(TestCatalog.dns("route53")), sample);

        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("aws_access_key_id"))
                .isEqualTo("Access key ID must be an access key ID such as AKIAIOSFODNN7EXAMPLE");
        assertThat(refused.form("#settings").control("name").val()).isEqualTo("refused-dns");
        assertThat(refused.body()).doesNotContain(SampleSettings.AWS_SECRET);
        assertThat(api.get("/api/v1/dns-providers").raw()).doesNotContain("refused-dns");
    }

    @Test
    void aProviderAZoneStillUsesIsNotDeletedAndThePageSaysWhy() {
        Map<String, String> sample = SampleSettings.dnsProvider("simulated");
        sample.put("name", "in-use");
        long id = api.post("/api/v1/dns-providers", sample).body().get("id").asLong();
        api.post("/api/v1/zones", Map.of("name", "uses-dns", "register_dns", true, "dns_provider_id", id,
                "base_domain_name", "agents.example.net"));

        PageClient.Page refused = browser.submit(browser.get("/dns-providers/" + id).form("#danger form"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.notice()).contains("a zone still registers its agents with this DNS provider");
        assertThat(api.get("/api/v1/dns-providers/" + id).status()).isEqualTo(200);
    }

    @Test
    void anUnusedProviderIsDeleted() {
        Map<String, String> sample = SampleSettings.dnsProvider("simulated");
        sample.put("name", "unused");
        long id = api.post("/api/v1/dns-providers", sample).body().get("id").asLong();

        PageClient.Page deleted = browser.submit(browser.get("/dns-providers/" + id).form("#danger form"));
        assertThat(deleted.location()).isEqualTo("/dns-providers?notice=deleted");
        assertThat(browser.get("/dns-providers/" + id).status()).isEqualTo(404);
    }

    static Stream<String> dnsKinds() {
        return TestCatalog.dnsIds().stream();
    }

    private static JsonNode withoutUpdateTime(JsonNode provider) {
        ObjectNode copy = provider.deepCopy();
        copy.remove("updated_at");
        return copy;
    }
}
