package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.SettingsAssertions.assertFormShows;
import static org.skyhold.app.pages.SettingsAssertions.assertJsonShows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.settings.DnsProviderService;
import org.skyhold.app.settings.VmProviderFields;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.VmProviderKind;

/**
 * The contract every kind of the catalog keeps, whatever its cloud: each of its fields has an example, the examples
 * are what {@code GET /api/v1/provider-kinds} shows, and they round-trip through the JSON API and the HTML form
 * (typed values back as saved; secrets back only as set, never rendered).
 */
class ProviderKindContractTest {
    static TestApp app;
    static ApiClient api;
    static PageClient browser;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        api = new ApiClient(app);
        browser = PageClient.signIn(app);
        zoneId = SharedApp.newZone(api, "contract");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Every kind of the catalog: VM kinds, then DNS kinds. */
    static Stream<Arguments> kinds() {
        List<Arguments> all = new ArrayList<>();
        TestCatalog.CATALOG.vmKinds().forEach(k -> all.add(Arguments.of("vm", k.id())));
        TestCatalog.CATALOG.dnsKinds().forEach(k -> all.add(Arguments.of("dns", k.id())));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void everyFieldHasAnExampleAndTheKindReadsItsExamples(String family, String id) {
        List<FieldSpec> fields = fields(family, id, false);
        for (FieldSpec f : fields) {
            assertThat(f.example()).as("example of " + id + "." + f.name()).isNotBlank();
        }
        Map<String, String> body = examples(family, id);
        ApiClient.Answer created = api.post(collection(family), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void theExamplesRoundTripThroughTheJsonApiAndTheFormAndSecretsNeverComeBack(String family, String id) {
        Map<String, String> body = examples(family, id);
        ApiClient.Answer created = api.post(collection(family), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String item = collection(family) + "/" + created.body().get("id").asLong();

        JsonNode read = api.get(item).body();
        assertJsonShows(read, fields(family, id, true), body);
        for (FieldSpec secret : fields(family, id, true).stream().filter(FieldSpec::secret).toList()) {
            assertThat(read.get(secret.name())).isEqualTo(ApiClient.JSON.createObjectNode().put("set", true));
            assertThat(api.get(item).raw()).doesNotContain(secret.example());
        }

        PageClient.Page page = browser.get(item.substring("/api/v1".length()));
        assertThat(page.status()).isEqualTo(200);
        assertFormShows(page, fields(family, id, true), body);
        for (FieldSpec secret : fields(family, id, true).stream().filter(FieldSpec::secret).toList()) {
            assertThat(page.body()).as(secret.name() + " is never rendered").doesNotContain(secret.example());
        }
    }

    @Test
    void theProviderKindsEndpointListsExactlyTheCatalogWithItsFieldsAndIsDocumented() {
        JsonNode kinds = api.get("/api/v1/provider-kinds").body();

        assertThat(ids(kinds.get("vm"))).containsExactlyElementsOf(TestCatalog.vmIds());
        assertThat(ids(kinds.get("dns"))).containsExactlyElementsOf(TestCatalog.dnsIds());
        for (VmProviderKind k : TestCatalog.CATALOG.vmKinds()) {
            assertKindListed(kinds.get("vm"), k.id(), k.displayName(), k.fields());
        }
        for (DnsProviderKind k : TestCatalog.CATALOG.dnsKinds()) {
            assertKindListed(kinds.get("dns"), k.id(), k.displayName(), k.fields());
        }
        assertThat(api.get("/api/openapi.json").body().at("/paths").has("/api/v1/provider-kinds")).isTrue();
        assertThat(ApiClient.anonymous(app).get("/api/v1/provider-kinds").status()).isEqualTo(401);
    }

    private static void assertKindListed(JsonNode list, String id, String name, List<FieldSpec> fields) {
        JsonNode kind = null;
        for (JsonNode k : list) {
            if (k.get("id").asText().equals(id)) {
                kind = k;
            }
        }
        assertThat(kind).as(id).isNotNull();
        assertThat(kind.get("name").asText()).isEqualTo(name);
        assertThat(ids(kind.get("fields"), "name")).containsExactlyElementsOf(fields.stream().map(FieldSpec::name)
                .toList());
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            JsonNode shown = kind.get("fields").get(i);
            assertThat(shown.get("required").asBoolean()).as(f.name()).isEqualTo(f.required());
            assertThat(shown.get("secret").asBoolean()).as(f.name()).isEqualTo(f.secret());
            assertThat(shown.get("example").asText()).as(f.name()).isEqualTo(f.example());
            assertThat(shown.get("help").asText()).as(f.name()).isEqualTo(f.help());
            assertThat(shown.get("type").asText()).as(f.name()).isEqualTo(f.type().name().toLowerCase());
        }
    }

    private static List<String> ids(JsonNode list) {
        return ids(list, "id");
    }

    private static List<String> ids(JsonNode list, String key) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get(key).asText()));
        return out;
    }

    /** The kind's own fields ({@code withCommon}: and the common ones every provider has). */
    private static List<FieldSpec> fields(String family, String id, boolean withCommon) {
        if (family.equals("vm")) {
            VmProviderKind k = TestCatalog.vm(id);
            return withCommon ? VmProviderFields.all(k) : k.fields();
        }
        DnsProviderKind k = TestCatalog.dns(id);
        return withCommon ? DnsProviderService.all(k) : k.fields();
    }

    /** A provider of the kind with every field set to the catalog's example, secrets included. */
    private static Map<String, String> examples(String family, String id) {
        Map<String, String> body = new HashMap<>(Map.of("kind", id, "name", SharedApp.unique(id)));
        if (family.equals("vm")) {
            body.putAll(Map.of("enabled", "true", "priority", "3", "max_instances", "4", "startup_script",
                    "#!/bin/sh\necho {server_id}\n", "require_checkin", "true", "endpoint_override",
                    SampleSettings.endpoint(id, 4566), "max_concurrent_calls", "7"));
        } else if (TestCatalog.dns(id).usesEndpointOverride()) {
            body.put("endpoint_override", SampleSettings.endpoint(id, 5353));
        }
        fields(family, id, false).forEach(f -> body.put(f.name(), f.example()));
        return body;
    }

    private static String collection(String family) {
        return family.equals("vm") ? "/api/v1/zones/" + zoneId + "/vm-providers" : "/api/v1/dns-providers";
    }
}
