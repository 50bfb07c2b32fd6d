package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;

/**
 * Reading agents, zones, providers and events never opens a stored secret; only building a provider does. Proved by
 * making every sealed value in the database unopenable (as a row restored from another installation, or a torn
 * write, would be) and reading everything an operator or a script reads.
 */
class ReadingNeedsNoSecretTest {
    static Map<String, String> env;
    static TestApp app;
    static ApiClient admin;
    static long zone;
    static long vmProvider;
    static long dnsProvider;
    static long growingZone;

    @BeforeAll
    static void start() throws Exception {
        env = TestApp.env(TestApp.newDataDir());
        app = TestApp.start(env);
        admin = new ApiClient(app);
        Map<String, String> dns = new HashMap<>(SampleSettings.dnsProvider("digitalocean"));
        dnsProvider = created(admin.post("/api/v1/dns-providers", dns));
        Map<String, String> zoneFields = new HashMap<>(SampleSettings.zone(dnsProvider));
        zoneFields.put("standby_gpus", "0");
        zoneFields.put("standby_memory_mb", "0");
        zoneFields.put("standby_cores", "0");
        zoneFields.put("agent_gpus_override", "0");
        zoneFields.put("register_dns", "false");
        zone = created(admin.post("/api/v1/zones", zoneFields));
        Map<String, String> off = new HashMap<>(SampleSettings.vmProvider("digitalocean"));
        off.put("enabled", "false");
        vmProvider = created(admin.post("/api/v1/zones/" + zone + "/vm-providers", off));
        ApiClient.Answer agent = admin.post("/api/v1/agents", Map.of("zone_id", zone, "name", "rack-1",
                "address", "10.0.0.1", "cores", 8, "gpus", 0, "memory_mb", 16384));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        Map<String, String> growing = new HashMap<>(zoneFields);
        growing.put("name", "growing");
        growing.put("standby_cores", "4");
        growing.put("scaling_enabled", "true");
        growingZone = created(admin.post("/api/v1/zones", growing));
        Map<String, String> enabled = new HashMap<>(SampleSettings.vmProvider("digitalocean"));
        enabled.put("endpoint_override", "http://127.0.0.1:9");
        enabled.put("enabled", "false");
        long later = created(admin.post("/api/v1/zones/" + growingZone + "/vm-providers", enabled));
        unopenable("UPDATE zones SET nginx_key = decode('00112233445566778899aabbccddeeff00112233', 'hex')");
        unopenable("UPDATE vm_provider_configs SET secrets = decode('00112233445566778899aabbccddeeff0011', 'hex') "
                + "WHERE secrets IS NOT NULL");
        unopenable("UPDATE dns_provider_configs SET secrets = decode('00112233445566778899aabbccddeeff0011', 'hex') "
                + "WHERE secrets IS NOT NULL");
        // enabled only now, so the engine first builds it after its secrets stopped opening
        unopenable("UPDATE vm_provider_configs SET enabled = true, updated_at = now() WHERE id = " + later);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long created(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    private static void unopenable(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(env.get("SKYHOLD_DATABASE_URL"),
                env.get("SKYHOLD_DATABASE_USER"), env.get("SKYHOLD_DATABASE_PASSWORD"));
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
    }

    @Test
    void everyJsonReadAnswersWithoutOpeningASecret() {
        List<String> reads = List.of("/api/v1/agents", "/api/v1/agents?zone_id=" + zone, "/api/v1/zones",
                "/api/v1/zones/" + zone, "/api/v1/zones/" + zone + "/plan", "/api/v1/events",
                "/api/v1/zones/" + zone + "/vm-providers", "/api/v1/zones/" + zone + "/vm-providers/" + vmProvider,
                "/api/v1/dns-providers", "/api/v1/dns-providers/" + dnsProvider);
        for (String path : reads) {
            ApiClient.Answer answer = admin.get(path);
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
        }
    }

    @Test
    void theSecretsStillShowAsSetWithoutBeingOpened() {
        assertThat(admin.get("/api/v1/zones/" + zone).body().at("/nginx_key/set").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/zones/" + zone + "/vm-providers/" + vmProvider).body()
                .at("/digital_ocean_token/set").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/dns-providers/" + dnsProvider).body().at("/digital_ocean_token/set")
                .asBoolean()).isTrue();
    }

    @Test
    void everyPageRendersWithoutOpeningASecret() {
        List<String> pages = List.of("/", "/agents", "/events", "/zones/" + zone, "/dns-providers",
                "/dns-providers/" + dnsProvider, "/zones/" + zone + "/vm-providers/" + vmProvider);
        for (String path : pages) {
            var page = app.getAsAdmin(path);
            assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
        }
    }

    @Test
    void aProviderWhoseSecretsDoNotOpenIsAnErrorOnItsZoneNamingTheFixNotA500() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        String events = "";
        while (!events.contains("does not open") && Instant.now().isBefore(until)) {
            Thread.sleep(200);
            events = admin.get("/api/v1/events?zone_id=" + growingZone).raw();
        }
        assertThat(events).contains("a stored secret of this provider does not open", "enter the provider's secrets")
                .doesNotContain(SampleSettings.DO_TOKEN);
        assertThat(app.getAsAdmin("/zones/" + growingZone).statusCode()).isEqualTo(200);
    }

    @Test
    void enteringTheSecretAgainOverOneThatDoesNotOpenSavesIt() {
        String item = "/api/v1/zones/" + zone + "/vm-providers/" + vmProvider;
        Map<String, Object> again = new HashMap<>();
        SampleSettings.vmProvider("digitalocean").forEach((name, value) -> {
            if (TestCatalog.vm("digitalocean").fields().stream().anyMatch(f -> f.secret() && f.name().equals(name))) {
                again.put(name, value);
            }
        });
        assertThat(again).isNotEmpty();

        ApiClient.Answer saved = admin.put(item, again);

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(admin.get(item).body().at("/digital_ocean_token/set").asBoolean()).isTrue();
    }
}
