package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderSettings;

/**
 * Only what works is offered: a stored provider of a kind this build does not have is kept, shown as not
 * available and never provisioned from; a list field takes one plain value; every page error is a page.
 */
class UnavailableKindsAndPageErrorsTest {
    static TestApp app;
    static ApiClient api;
    static PageClient browser;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        api = new ApiClient(app);
        browser = PageClient.signIn(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aStoredVmProviderOfAnUnbuiltKindIsListedAsNotAvailableAndNeverProvisionedFrom() {
        long zone = api.post("/api/v1/zones", Map.of("name", SharedApp.unique("oci-zone"), "standby_cores", 8,
                "scaling_enabled", true))
                .body().get("id").asLong();
        long id = app.skyhold.repositories().vmProviders().create(zone, new VmProviderSettings("old-vultr", "vultr", true,
                0, 5, "", null, true, ProviderFields.of(Map.of("vultr_region", "fra")),
                Map.of("vultr_api_key", Secret.of("not-shown")), 10)).id();

        JsonNode json = api.get("/api/v1/zones/" + zone + "/vm-providers/" + id).body();
        assertThat(json.get("kind").asText()).isEqualTo("vultr");
        assertThat(json.get("available").asBoolean()).isFalse();
        assertThat(json.get("note").asText()).contains("not available in this build");

        PageClient.Page zonePage = browser.get("/zones/" + zone);
        assertThat(zonePage.doc().select("#vm-providers tbody tr td").eachText())
                .contains("old-vultr", "vultr (not available in this build)");
        assertThat(zonePage.doc().select("#add-kind option").eachAttr("value")).doesNotContain("vultr");
        PageClient.Page page = browser.get("/zones/" + zone + "/vm-providers/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.notice()).contains("not available in this build");
        assertThat(page.body()).doesNotContain("vultr_region").doesNotContain("not-shown");

        // a working provider at its cap, so the planner goes through the providers rather than giving up
        Map<String, Object> capped = new HashMap<>(SampleSettings.vmProvider("simulated"));
        capped.putAll(Map.of("priority", 9, "max_instances", 0));
        assertThat(api.post("/api/v1/zones/" + zone + "/vm-providers", capped).status()).isEqualTo(201);
        JsonNode plan = api.get("/api/v1/zones/" + zone + "/plan").body();
        assertThat(plan.get("notes").toString()).contains("old-vultr is not used: the vultr provider kind is not "
                + "available in this build");
        assertThat(plan.toString()).doesNotContain("\"provider_id\":" + id);

        ApiClient.Answer renamed = api.put("/api/v1/zones/" + zone + "/vm-providers/" + id, Map.of("name", "oci-old"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(app.skyhold.repositories().vmProviders().find(id).orElseThrow().settings().fields())
                .as("its own settings are kept").isEqualTo(ProviderFields.of(Map.of("vultr_region", "fra")));
        ApiClient.Answer edited = api.put("/api/v1/zones/" + zone + "/vm-providers/" + id,
                Map.of("vultr_region", "x"));
        assertThat(edited.status()).isEqualTo(400);
        assertThat(edited.errorFields()).containsExactly("vultr_region");
    }

    @Test
    void aStoredDnsProviderOfAnUnbuiltKindIsListedAsNotAvailable() {
        long id = app.skyhold.repositories().dnsProviders().create(new DnsProviderSettings(SharedApp.unique("ns"),
                "linode", null, ProviderFields.of(Map.of("linode_region", "eu-central")), Map.of())).id();

        assertThat(api.get("/api/v1/dns-providers/" + id).body().get("available").asBoolean()).isFalse();
        assertThat(browser.get("/dns-providers").doc().select("#dns-provider-list").text())
                .contains("linode (not available in this build)");
        assertThat(browser.get("/dns-providers/" + id).notice()).contains("not available in this build");
    }

    @Test
    void aDigitalOceanTagGivenAsPlainTextIsOneTagInJsonAndInTheForm() {
        long zone = SharedApp.newZone(api, "do-tags");
        Map<String, Object> body = new HashMap<>(SampleSettings.vmProvider("digitalocean"));
        body.put("digital_ocean_tags", "vdi");
        ApiClient.Answer created = api.post("/api/v1/zones/" + zone + "/vm-providers", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().get("digital_ocean_tags")).isEqualTo(ApiClient.JSON.createArrayNode().add("vdi"));

        String path = "/zones/" + zone + "/vm-providers/" + created.body().get("id").asLong();
        PageClient.Page saved = browser.submit(browser.get(path).form("#settings").set("digital_ocean_tags", "env:prod"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(api.get("/api/v1" + path).body().get("digital_ocean_tags"))
                .isEqualTo(ApiClient.JSON.createArrayNode().add("env:prod"));
        assertThat(browser.get(path).form("#settings").control("digital_ocean_tags").wholeText())
                .isEqualTo("[\"env:prod\"]");
    }

    @Test
    void aMissingOrUnknownKindOnTheAddPagesIsAPageWithAWayBack() {
        long zone = SharedApp.newZone(api, "errors");
        for (String path : new String[] {"/zones/" + zone + "/vm-providers/new",
                "/zones/" + zone + "/vm-providers/new?kind=vultr"}) {
            PageClient.Page page = browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(400);
            assertThat(page.doc().select("nav a").eachText()).as("in the site's layout").contains("Zones");
            assertThat(page.doc().select("#page-errors li").text()).startsWith("kind ")
                    .contains("aws, digitalocean, oci, gcp, azure, simulated");
            assertThat(page.doc().selectFirst("#back-link").attr("href")).isEqualTo("/zones/" + zone);
        }
        PageClient.Page dns = browser.get("/dns-providers/new?kind=linode");
        assertThat(dns.status()).isEqualTo(400);
        assertThat(dns.doc().select("#page-errors li").text()).contains("not available in this build");
        assertThat(dns.doc().selectFirst("#back-link").attr("href")).isEqualTo("/dns-providers");
    }

    @Test
    void anUnknownIdIsANotFoundPageWithAWayBackAndTheApiKeepsJson() {
        PageClient.Page zone = browser.get("/zones/987654");
        assertThat(zone.status()).isEqualTo(404);
        assertThat(zone.doc().selectFirst("h1").text()).isEqualTo("Not found");
        assertThat(zone.doc().select("#page-errors li").text()).isEqualTo("no zone 987654");
        assertThat(zone.doc().selectFirst("#back-link").attr("href")).isEqualTo("/");

        PageClient.Page provider = browser.get("/dns-providers/987654");
        assertThat(provider.status()).isEqualTo(404);
        assertThat(provider.doc().selectFirst("#back-link").attr("href")).isEqualTo("/dns-providers");

        ApiClient.Answer json = api.get("/api/v1/zones/987654");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.body().at("/errors/0/message").asText()).isEqualTo("no zone 987654");
    }
}
