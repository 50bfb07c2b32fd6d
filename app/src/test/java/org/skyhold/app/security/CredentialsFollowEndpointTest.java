package org.skyhold.app.security;

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

/**
 * Changing where a saved provider sends its requests needs every stored secret again in the same request, so
 * stored credentials never follow an endpoint to another host; "Test connection" never reads an answer back.
 */
class CredentialsFollowEndpointTest {
    static TestApp app;
    static ApiClient admin;
    static EndpointStub elsewhere;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        admin = new ApiClient(app);
        elsewhere = new EndpointStub(200, "application/json", "{}");
    }

    @AfterAll
    static void stop() {
        elsewhere.close();
        app.close();
    }

    private static String providers(long zone) {
        return "/api/v1/zones/" + zone + "/vm-providers";
    }

    private static JsonNode digitalOcean(long zone, String endpoint) {
        Map<String, String> fields = new HashMap<>(SampleSettings.vmProvider("digitalocean"));
        fields.put("endpoint_override", endpoint);
        fields.put("name", "do-" + zone);
        ApiClient.Answer created = admin.post(providers(zone), fields);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body();
    }

    private static long zone(String name) {
        return admin.post("/api/v1/zones", Map.of("name", name)).body().get("id").asLong();
    }

    @Test
    void anEndpointChangeWithoutTheSecretsIsRefusedAndSendsNothingAnywhere() {
        long zone = zone("endpoint-moves");
        // the first endpoint answers nothing (a closed port): the test below must not fall back to anywhere else
        JsonNode provider = digitalOcean(zone, "http://127.0.0.1:9");
        String item = providers(zone) + "/" + provider.get("id").asLong();

        ApiClient.Answer refused = admin.put(item, Map.of("endpoint_override", elsewhere.url()));
        ApiClient.Answer emptySecret = admin.put(item, Map.of("endpoint_override", elsewhere.url(),
                "digital_ocean_token", ""));
        ApiClient.Answer tested = admin.post(item + "/test", Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("digital_ocean_token");
        assertThat(refused.body().at("/errors/0/message").asText()).contains("endpoint_override changes");
        assertThat(emptySecret.status()).as("an empty secret keeps the stored one: not enough").isEqualTo(400);
        assertThat(admin.get(item).body().get("endpoint_override").asText()).isEqualTo("http://127.0.0.1:9");
        assertThat(tested.body().get("ok").asBoolean()).isFalse();
        assertThat(elsewhere.requests).as("requests the other host saw").isEmpty();
    }

    @Test
    void withEveryStoredSecretTheEndpointChanges() {
        long zone = zone("endpoint-moves-with-token");
        JsonNode provider = digitalOcean(zone, "http://127.0.0.1:9");
        String item = providers(zone) + "/" + provider.get("id").asLong();

        ApiClient.Answer moved = admin.put(item, Map.of("endpoint_override", elsewhere.url() + "/v2",
                "digital_ocean_token", "dop_v1_the_token_for_the_new_endpoint"));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.body().get("endpoint_override").asText()).isEqualTo(elsewhere.url() + "/v2");
    }

    @Test
    void aDnsProvidersEndpointFollowsTheSameRule() {
        Map<String, String> fields = new HashMap<>(SampleSettings.dnsProvider("digitalocean"));
        fields.put("name", "dns-endpoint-moves");
        ApiClient.Answer created = admin.post("/api/v1/dns-providers", fields);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String item = "/api/v1/dns-providers/" + created.body().get("id").asLong();

        ApiClient.Answer refused = admin.put(item, Map.of("endpoint_override", elsewhere.url()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("digital_ocean_token");
        assertThat(admin.get(item).body().get("endpoint_override").asText()).isEqualTo("http://127.0.0.1:5353");
    }

    @Test
    void onlyAnAdminKeyMaySetTheEndpoint() {
        long zone = zone("endpoint-by-key");
        String item = providers(zone) + "/" + digitalOcean(zone, "http://127.0.0.1:9").get("id").asLong();
        String sessionsKey = admin.post("/api/v1/api-keys", Map.of("name", "broker", "scope", "sessions")).body()
                .get("key").asText();

        ApiClient.Answer refused = ApiClient.bearer(app, sessionsKey).put(item, Map.of("endpoint_override",
                elsewhere.url(), "digital_ocean_token", "dop_v1_attacker_supplied_token"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(admin.get(item).body().get("endpoint_override").asText()).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void otherChangesNeedNoSecretAgain() {
        long zone = zone("endpoint-stays");
        JsonNode provider = digitalOcean(zone, "http://127.0.0.1:9");
        String item = providers(zone) + "/" + provider.get("id").asLong();

        assertThat(admin.put(item, Map.of("max_instances", 3, "endpoint_override", "http://127.0.0.1:9")).status())
                .isEqualTo(200);
    }

    @Test
    void testConnectionShowsTheStatusAndCodeButNeverTheAnswersText() {
        long zone = zone("endpoint-answers");
        try (EndpointStub refusing = new EndpointStub(401, "application/json",
                "{\"id\":\"unauthorized\",\"message\":\"INTERNAL-PAGE-TEXT Unable to authenticate you\"}");
             EndpointStub htmlPage = new EndpointStub(500, "text/html",
                     "<html><title>INTERNAL-ADMIN-CONSOLE</title></html>\nline two")) {
            String auth = providers(zone) + "/" + digitalOcean(zone, refusing.url()).get("id").asLong();
            long other = zone("endpoint-answers-html");
            String html = providers(other) + "/" + digitalOcean(other, htmlPage.url()).get("id").asLong();

            String authMessage = admin.post(auth + "/test", Map.of()).body().get("message").asText();
            String htmlMessage = admin.post(html + "/test", Map.of()).body().get("message").asText();

            assertThat(authMessage).isEqualTo("auth: the endpoint answered HTTP 401 with error code unauthorized");
            assertThat(htmlMessage).startsWith("other: the endpoint answered HTTP 500").doesNotContain("INTERNAL");
            assertThat(refusing.requests).isNotEmpty();
        }
    }
}
