package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.VmProviderKind;

/** What the JSON API refuses besides malformed values and missing fields; each named, nothing saved. */
class SettingsJsonRefusalTest {
    static TestApp app;
    static ApiClient api;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
        zoneId = SharedApp.newZone(api, "refusals");
    }

    static List<SettingsKind> kinds() {
        return SettingsKind.all();
    }

    static List<SettingsKind> providers() {
        return SettingsKind.providers();
    }

    private static int count(SettingsKind kind) {
        return api.get(kind.collection(zoneId)).body().size();
    }

    static void assertRefused(ApiClient.Answer a, String... fields) {
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.errorFields()).as(a.toString()).containsExactlyInAnyOrder(fields);
        a.body().get("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anUnknownFieldIsRefusedByNameOnCreateAndUpdateAndNothingIsSaved(SettingsKind kind) {
        int before = count(kind);
        Map<String, Object> body = new HashMap<>(kind.typed(kind.sample()));
        body.put("bogus_field", "x");
        body.put("colour", 3);

        assertRefused(api.post(kind.collection(zoneId), body), "bogus_field", "colour");
        assertThat(count(kind)).isEqualTo(before);

        long id = api.post(kind.collection(zoneId), kind.sample()).body().get("id").asLong();
        JsonNode stored = api.get(kind.item(zoneId, id)).body();
        assertRefused(api.put(kind.item(zoneId, id), Map.of("bogus_field", "x", "name", SharedApp.unique("n"))),
                "bogus_field");
        assertThat(api.get(kind.item(zoneId, id)).body()).isEqualTo(stored);
    }

    @Test
    void aFieldOfAnotherKindIsUnknownToThisKind() {
        SettingsKind aws = SettingsKind.vm("aws");
        Map<String, String> body = aws.sample();
        body.put("digital_ocean_token", "dop_v1_0123456789abcdefghij");

        assertRefused(api.post(aws.collection(zoneId), body), "digital_ocean_token");
        assertThat(api.post(SettingsKind.dns("route53").collection(0),
                Map.of("kind", "route53", "name", SharedApp.unique("r53"), "aws_region", "eu-west-1")).errorFields())
                .contains("aws_region");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theKindOfAProviderCannotChange(SettingsKind kind) {
        long id = api.post(kind.collection(zoneId), kind.sample()).body().get("id").asLong();
        String other = kind.wire().equals("simulated") ? "gcp" : "simulated";

        assertRefused(api.put(kind.item(zoneId, id), Map.of("kind", other)), "kind");
        assertThat(api.get(kind.item(zoneId, id)).body().get("kind").asText()).isEqualTo(kind.wire());
        assertThat(api.put(kind.item(zoneId, id), Map.of("kind", kind.wire())).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aProviderWithoutAKnownKindIsRefused(SettingsKind kind) {
        int before = count(kind);
        Map<String, String> noKind = kind.sample();
        noKind.remove("kind");
        Map<String, String> badKind = kind.sample();
        badKind.put("kind", "cloudy");

        assertRefused(api.post(kind.collection(zoneId), noKind), "kind");
        ApiClient.Answer bad = api.post(kind.collection(zoneId), badKind);
        assertRefused(bad, "kind");
        assertThat(bad.body().at("/errors/0/message").asText()).contains(kind.wire());
        assertThat(count(kind)).isEqualTo(before);
    }

    @Test
    void everyBadFieldOfAZoneIsNamedInOneAnswer() {
        ApiClient.Answer answer = api.post("/api/v1/zones", Map.of("name", SharedApp.unique("z"), "standby_cores", -1,
                "base_domain_name", "Not A Domain", "load_balance_strategy", "random", "scaling_enabled", "maybe"));

        assertRefused(answer, "standby_cores", "base_domain_name", "load_balance_strategy", "scaling_enabled");
    }

    @Test
    void aDnsProviderAZoneUsesCannotBeDeleted() {
        SettingsKind sim = SettingsKind.dns("simulated");
        long dnsId = api.post(sim.collection(0), sim.sample()).body().get("id").asLong();
        api.post("/api/v1/zones", Map.of("name", SharedApp.unique("z"), "register_dns", true, "dns_provider_id", dnsId,
                "base_domain_name", "agents.example.com"));

        assertRefused(api.delete(sim.item(0, dnsId)), "id");
        assertThat(api.get(sim.item(0, dnsId)).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aTakenNameIsRefusedByName(SettingsKind kind) {
        Map<String, String> first = kind.sample();
        assertThat(api.post(kind.collection(zoneId), first).status()).isEqualTo(201);
        Map<String, String> second = kind.sample();
        second.put("name", first.get("name"));

        assertRefused(api.post(kind.collection(zoneId), second), "name");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        for (String body : List.of("", "not json", "[1,2]", "\"text\"", "{\"name\": ")) {
            ApiClient.Answer a = api.send("POST", "/api/v1/zones", body.isEmpty() ? "   " : body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.body().at("/errors/0/message").asText()).as(body).startsWith("the body ");
        }
    }

    @Test
    void idsThatNameNothingAnswer404() {
        long providerId = api.post("/api/v1/zones/" + zoneId + "/vm-providers",
                Map.of("kind", "simulated", "name", SharedApp.unique("sim"))).body().get("id").asLong();
        long otherZone = api.post("/api/v1/zones", Map.of("name", SharedApp.unique("other"))).body().get("id").asLong();

        for (String path : List.of("/api/v1/zones/abc", "/api/v1/zones/999999", "/api/v1/zones/999999/vm-providers",
                "/api/v1/zones/" + zoneId + "/vm-providers/x", "/api/v1/dns-providers/999999",
                "/api/v1/zones/" + otherZone + "/vm-providers/" + providerId)) {
            ApiClient.Answer a = api.get(path);
            assertThat(a.status()).as(path).isEqualTo(404);
            assertThat(a.body().at("/errors/0/message").asText()).as(path).isNotBlank();
        }
        assertThat(api.delete("/api/v1/zones/" + otherZone + "/vm-providers/" + providerId).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/zones/" + zoneId + "/vm-providers/" + providerId).status()).isEqualTo(200);
    }
}
