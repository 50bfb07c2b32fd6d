package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.VmProviderKind;

/** Fields an object cannot do without, and the rules across fields of a zone. */
class RequiredFieldsTest {
    static TestApp app;
    static ApiClient api;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
        zoneId = SharedApp.newZone(api, "required");
    }

    private static int count(SettingsKind kind) {
        return api.get(kind.collection(zoneId)).body().size();
    }

    private static void assertRefused(ApiClient.Answer a, String... fields) {
        SettingsJsonRefusalTest.assertRefused(a, fields);
    }

    static Stream<String> vmKinds() {
        return TestCatalog.vmIds().stream();
    }

    private static String[] requiredOwnFields(SettingsKind kind) {
        return kind.fields().stream().filter(FieldSpec::required).map(FieldSpec::name)
                .filter(n -> !n.equals("name")).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vmKinds")
    void anEnabledVmProviderNeedsItsRequiredFieldsAndADisabledOneIsSavedWithout(String vm) {
        SettingsKind kind = SettingsKind.vm(vm);
        String[] required = requiredOwnFields(kind);
        Map<String, Object> bare = new HashMap<>(Map.of("kind", kind.wire(), "name", SharedApp.unique("bare")));

        bare.put("enabled", false);
        ApiClient.Answer disabled = api.post(kind.collection(zoneId), bare);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(201);
        long id = disabled.body().get("id").asLong();

        bare.put("enabled", true);
        bare.put("name", SharedApp.unique("bare"));
        ApiClient.Answer enabled = api.post(kind.collection(zoneId), bare);
        if (required.length == 0) {
            assertThat(enabled.status()).isEqualTo(201);
            return;
        }
        assertRefused(enabled, required);
        enabled.body().get("errors").forEach(e -> assertThat(e.get("message").asText()).isEqualTo("is required"));
        assertRefused(api.put(kind.item(zoneId, id), Map.of("enabled", true)), required);
        assertThat(api.get(kind.item(zoneId, id)).body().get("enabled").asBoolean()).isFalse();

        Map<String, String> complete = kind.sample();
        complete.remove("name");
        assertThat(api.put(kind.item(zoneId, id), complete).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vmKinds")
    void aVmProviderWhoseEnabledIsClearedCountsAsEnabledAndNeedsItsRequiredFields(String vm) {
        SettingsKind kind = SettingsKind.vm(vm);
        String[] required = requiredOwnFields(kind);
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind.wire(), "name", SharedApp.unique("cleared")));
        body.put("enabled", null);

        ApiClient.Answer answer = api.post(kind.collection(zoneId), body);

        if (required.length == 0) {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body().get("enabled").asBoolean()).isTrue();
        } else {
            assertRefused(answer, required);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dnsKinds")
    void aDnsProviderAlwaysNeedsItsRequiredFields(String dns) {
        SettingsKind kind = SettingsKind.dns(dns);
        String[] required = requiredOwnFields(kind);
        int before = count(kind);

        ApiClient.Answer answer = api.post(kind.collection(0), Map.of("kind", kind.wire(), "name", SharedApp.unique("d")));

        if (required.length == 0) {
            assertThat(answer.status()).isEqualTo(201);
        } else {
            assertRefused(answer, required);
            assertThat(count(kind)).isEqualTo(before);
        }
    }

    static Stream<String> dnsKinds() {
        return TestCatalog.dnsIds().stream();
    }

    @Test
    void aZoneNeedsAName() {
        assertRefused(api.post("/api/v1/zones", Map.of("standby_cores", 4)), "name");
        assertRefused(api.post("/api/v1/zones", Map.of("name", "")), "name");
    }

    @Test
    void registeringDnsNeedsAnExistingDnsProviderAndABaseDomain() {
        assertRefused(api.post("/api/v1/zones", Map.of("name", SharedApp.unique("z"), "register_dns", true)),
                "dns_provider_id", "base_domain_name");
        assertRefused(api.post("/api/v1/zones", Map.of("name", SharedApp.unique("z"), "register_dns", true,
                "dns_provider_id", 999_999, "base_domain_name", "agents.example.com")), "dns_provider_id");
    }

    @Test
    void theHeartbeatTimeoutsMustBeInOrder() {
        assertRefused(api.post("/api/v1/zones", Map.of("name", SharedApp.unique("z"), "agent_missing_after", 300,
                "agent_dead_after", 200)), "agent_dead_after");
    }
}
