package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.kind.VmProviderKind;

/** Every settings change is an event: who, what, which fields; never a secret's value. */
class EventsTest {
    static TestApp app;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
    }

    /** A name no other test's name contains, so events can be found by it. */
    private static String name(String prefix) {
        return SharedApp.unique(prefix) + "x";
    }

    private static List<Event> events(String kind, String about) {
        return app.skyhold.repositories().events().list(null, null, kind, null, 10_000).stream()
                .filter(e -> e.reason().contains(about)).toList();
    }

    private static Event only(String kind, String about) {
        List<Event> found = events(kind, about);
        assertThat(found).as(kind + " about " + about).hasSize(1);
        return found.get(0);
    }

    private static List<String> fields(Event e) throws Exception {
        List<String> fields = new ArrayList<>();
        ApiClient.JSON.readTree(e.dataJson()).path("fields").forEach(f -> fields.add(f.asText()));
        return fields;
    }

    @Test
    void creatingChangingAndDeletingAZoneAreEventsOfTheAdminNamingTheFields() throws Exception {
        Map<String, String> sample = SettingsKind.zone().sample();
        String name = name("events-zone");
        sample.put("name", name);
        long id = api.post("/api/v1/zones", sample).body().get("id").asLong();

        Event created = only("zone.created", name);
        assertThat(created.actor()).isEqualTo("admin");
        assertThat(created.zoneId()).isEqualTo(id);
        assertThat(created.reason()).startsWith("admin created zone " + name);
        assertThat(fields(created)).contains("name", "standby_cores", "nginx_cert", "nginx_key")
                .doesNotContain("register_dns").allMatch(sample::containsKey);

        api.put("/api/v1/zones/" + id, Map.of("standby_cores", 32, "nginx_key", "", "name", name));
        Event changed = only("zone.updated", name);
        assertThat(fields(changed)).containsExactly("standby_cores");
        assertThat(changed.reason()).isEqualTo("admin changed zone " + name + ": standby_cores");

        api.put("/api/v1/zones/" + id, Map.of("nginx_cert", SampleSettings.OTHER_SECRETS.get("nginx_cert"),
                "nginx_key", SampleSettings.OTHER_SECRETS.get("nginx_key")));
        assertThat(events("zone.updated", name)).hasSize(2);
        assertThat(fields(events("zone.updated", name).get(0))).containsExactlyInAnyOrder("nginx_cert", "nginx_key");

        api.delete("/api/v1/zones/" + id);
        Event deleted = only("zone.deleted", name);
        assertThat(deleted.actor()).isEqualTo("admin");
        assertThat(deleted.reason()).contains("(id " + id + ")");
    }

    @Test
    void creatingChangingAndDeletingAVmProviderAreEventsOfItsZone() throws Exception {
        String zoneName = name("events-vm-zone");
        long zoneId = api.post("/api/v1/zones", Map.of("name", zoneName)).body().get("id").asLong();
        Map<String, String> sample = SettingsKind.vm("aws").sample();
        String name = name("events-aws");
        sample.put("name", name);
        String base = "/api/v1/zones/" + zoneId + "/vm-providers";
        long id = api.post(base, sample).body().get("id").asLong();

        Event created = only("vm_provider.created", name);
        assertThat(created.zoneId()).isEqualTo(zoneId);
        assertThat(created.reason()).startsWith("admin added aws provider " + name + " to zone " + zoneName);
        assertThat(fields(created)).contains("aws_access_key_id", "aws_secret_access_key", "startup_script")
                .allMatch(sample::containsKey);

        api.put(base + "/" + id, Map.of("aws_secret_access_key", SampleSettings.OTHER_SECRETS.get("aws_secret_access_key"),
                "max_instances", 3, "aws_region", "eu-west-1"));
        Event changed = only("vm_provider.updated", name);
        assertThat(changed.zoneId()).isEqualTo(zoneId);
        assertThat(fields(changed)).containsExactlyInAnyOrder("aws_secret_access_key", "max_instances");

        api.delete(base + "/" + id);
        assertThat(only("vm_provider.deleted", name).zoneId()).isEqualTo(zoneId);
    }

    @Test
    void creatingChangingAndDeletingADnsProviderAreEvents() throws Exception {
        Map<String, String> sample = SettingsKind.dns("route53").sample();
        String name = name("events-dns");
        sample.put("name", name);
        long id = api.post("/api/v1/dns-providers", sample).body().get("id").asLong();

        assertThat(fields(only("dns_provider.created", name))).contains("aws_access_key_id", "aws_secret_access_key");
        api.put("/api/v1/dns-providers/" + id, Map.of("aws_secret_access_key", SampleSettings.OTHER_SECRETS
                .get("aws_secret_access_key"), "aws_access_key_id", "AKIAIOSFODNN7OTHERKEY"));
        assertThat(fields(only("dns_provider.updated", name))).containsExactlyInAnyOrder("aws_secret_access_key",
                "aws_access_key_id");
        api.delete("/api/v1/dns-providers/" + id);
        assertThat(only("dns_provider.deleted", name).actor()).isEqualTo("admin");
    }

    @Test
    void aChangeThroughAnApiKeyNamesTheKey() {
        String keyName = name("events-key");
        JsonNode key = api.post("/api/v1/api-keys", Map.of("name", keyName, "scope", "admin")).body();
        ApiClient bearer = ApiClient.bearer(app, key.get("key").asText());
        String zone = name("events-by-key");

        long id = bearer.post("/api/v1/zones", Map.of("name", zone)).body().get("id").asLong();
        bearer.put("/api/v1/zones/" + id, Map.of("standby_gpus", 2));

        assertThat(only("zone.created", zone).actor()).isEqualTo("api-key:" + keyName);
        assertThat(only("zone.updated", zone).reason()).isEqualTo("api-key:" + keyName + " changed zone " + zone
                + ": standby_gpus");
        Event keyCreated = only("api_key.created", keyName);
        assertThat(keyCreated.actor()).isEqualTo("admin");
        assertThat(keyCreated.reason()).contains(key.get("prefix").asText());
    }

    @Test
    void aRefusedSaveOrOneThatChangesNothingWritesNoEvent() {
        String name = name("events-quiet");
        long id = api.post("/api/v1/zones", Map.of("name", name, "standby_cores", 4)).body().get("id").asLong();

        assertThat(api.put("/api/v1/zones/" + id, Map.of("standby_cores", -1)).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/zones/" + id, Map.of("standby_cores", "4", "name", name)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/zones", Map.of("name", name)).status()).as("name taken").isEqualTo(400);

        assertThat(events("zone.updated", name)).isEmpty();
        assertThat(events("zone.created", name)).hasSize(1);
    }

    @Test
    void revokingAKeyIsAnEventThatDoesNotHoldTheKey() {
        String keyName = name("events-revoked");
        JsonNode key = api.post("/api/v1/api-keys", Map.of("name", keyName, "scope", "admin")).body();
        api.delete("/api/v1/api-keys/" + key.get("id").asLong());

        Event revoked = only("api_key.revoked", keyName);
        assertThat(revoked.actor()).isEqualTo("admin");
        String secret = key.get("key").asText().substring(key.get("prefix").asText().length() + 1);
        assertThat(app.skyhold.repositories().events().list(null, null, null, null, 10_000))
                .noneMatch(e -> e.reason().contains(secret) || e.dataJson().contains(secret));
    }

    @Test
    void noEventHoldsAnySecretOfAnyKind() {
        long zoneId = api.post("/api/v1/zones", SettingsKind.zone().sample()).body().get("id").asLong();
        for (SettingsKind kind : SettingsKind.providers()) {
            long id = api.post(kind.collection(zoneId), kind.sample()).body().get("id").asLong();
            Map<String, String> others = new HashMap<>();
            kind.secrets().forEach(s -> others.put(s.name(), SampleSettings.OTHER_SECRETS.get(s.name())));
            assertThat(api.put(kind.item(zoneId, id), others).status()).isEqualTo(200);
        }
        List<String> secrets = new ArrayList<>(SampleSettings.SECRET_MARKERS);
        SampleSettings.OTHER_SECRETS.forEach((field, value) -> {
            if (!field.equals("nginx_cert")) {
                secrets.add(value.strip().lines().skip(value.contains("\n") ? 3 : 0).findFirst().orElseThrow());
            }
        });

        List<Event> all = app.skyhold.repositories().events().list(null, null, null, null, 100_000);
        assertThat(all).hasSizeGreaterThan(SettingsKind.providers().size());
        for (Event e : all) {
            String text = e.actor() + " " + e.reason() + " " + e.dataJson();
            assertThat(secrets).as(text).noneMatch(text::contains);
        }
    }
}
