package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.web.RouteInfo;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.domain.model.VmProviderKind;

/**
 * An app on its own embedded PostgreSQL saves every secret of every kind, then is read and refused in every way
 * the route table allows; no response, no log line, no console line, no file of its data folder and no raw
 * database row holds any secret in plain text.
 */
class SecretsNeverLeaveTest {
    /** Text found in settings but in no secret: where it shows up, the search would have found a secret too. */
    private static final String NOT_SECRET = "AKIAIOSFODNN7EXAMPLE";

    static Capture capture;
    static Path dataDir;
    static final List<String> responses = new ArrayList<>();
    static final Map<String, byte[]> rows = new LinkedHashMap<>();
    static final List<String> savedSecrets = new ArrayList<>();

    @BeforeAll
    static void saveEverySecretAndReadAndRefuseEverything() throws Exception {
        capture = new Capture();
        dataDir = TestApp.newDataDir();
        Map<String, String> env = Map.of("SKYHOLD_PORT", "0", "SKYHOLD_BIND", "127.0.0.1",
                "SKYHOLD_DATA_DIR", dataDir.toString(), "SKYHOLD_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
        try (TestApp app = TestApp.start(env)) {
            Scenario scenario = new Scenario(app);
            scenario.saveEverything();
            scenario.readEverything();
            scenario.refuseWithSecretsInTheRequest();
            readRawRows();
        }
    }

    @AfterAll
    static void stopCapturing() {
        capture.close();
    }

    /** Drives the app and keeps every response: status, every header, and the body. */
    private static final class Scenario {
        final TestApp app;
        final ApiClient api;
        final Map<String, List<String>> ids = new HashMap<>(Map.of("id", new ArrayList<>(),
                "provider_id", new ArrayList<>()));
        long zoneId;

        Scenario(TestApp app) {
            this.app = app;
            this.api = new ApiClient(app);
        }

        ApiClient.Answer keep(String what, ApiClient.Answer a) {
            responses.add(what + " -> " + a.status() + "\n" + a.headers().map() + "\n" + a.raw());
            return a;
        }

        void saveEverything() {
            long dnsId = 0;
            for (DnsProviderKind kind : DnsProviderKind.values()) {
                dnsId = saved(SettingsKind.dns(kind), SampleSettings.dnsProvider(kind));
            }
            Map<String, String> zone = SampleSettings.zone(dnsId);
            zoneId = saved(SettingsKind.zone(), zone);
            for (VmProviderKind kind : VmProviderKind.values()) {
                long id = saved(SettingsKind.vm(kind), SampleSettings.vmProvider(kind));
                ids.get("provider_id").add(Long.toString(id));
            }
            ids.get("id").add(0, Long.toString(zoneId));
            keep("POST api key", api.post("/api/v1/api-keys", Map.of("name", "leak-test")));
        }

        long saved(SettingsKind kind, Map<String, String> sample) {
            ApiClient.Answer created = keep("POST " + kind, api.post(kind.collection(zoneId), sample));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long id = created.body().get("id").asLong();
            ApiClient.Answer again = keep("PUT " + kind, api.put(kind.item(zoneId, id), sample));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            for (var secret : kind.secrets()) {
                String stored = kind.storedSecret(app.skyhold.repositories(), id, secret.name()).orElseThrow();
                assertThat(stored).contains(sample.get(secret.name()).strip().lines().skip(1).findFirst()
                        .orElse(sample.get(secret.name())));
                savedSecrets.add(kind + "." + secret.name());
            }
            if (kind.owner() == SettingsKind.Owner.DNS_PROVIDER) {
                ids.get("id").add(Long.toString(id));
            }
            return id;
        }

        void readEverything() {
            for (RouteInfo route : app.skyhold.routes()) {
                boolean read = route.method() == io.javalin.http.HandlerType.GET;
                boolean connectionTest = route.path().endsWith("/test");
                if (read || connectionTest) {
                    for (String path : concrete(route.path())) {
                        keep(route.method() + " " + path, api.send(route.method().name(), path, read ? null : "{}"));
                    }
                }
            }
        }

        /** Every way of filling the route's path parameters with the ids of what was saved. */
        List<String> concrete(String template) {
            List<String> paths = new ArrayList<>(List.of(template));
            for (var param : ids.entrySet()) {
                String placeholder = "{" + param.getKey() + "}";
                paths = paths.stream().flatMap(p -> p.contains(placeholder)
                        ? param.getValue().stream().map(v -> p.replace(placeholder, v)) : Stream.of(p)).toList();
            }
            return paths;
        }

        void refuseWithSecretsInTheRequest() {
            String vms = "/api/v1/zones/" + zoneId + "/vm-providers";
            for (VmProviderKind kind : VmProviderKind.values()) {
                Map<String, String> withBadField = new HashMap<>(SampleSettings.vmProvider(kind));
                withBadField.put("priority", "first");
                keep("PUT bad " + kind, api.put(vms + "/" + ids.get("provider_id").get(kind.ordinal()), withBadField));
                withBadField.put("colour", "blue");
                keep("POST bad " + kind, api.post(vms, withBadField));
            }
            for (DnsProviderKind kind : DnsProviderKind.values()) {
                Map<String, String> withBadField = new HashMap<>(SampleSettings.dnsProvider(kind));
                withBadField.put("endpoint_override", "ftp://nope");
                keep("POST bad dns " + kind, api.post("/api/v1/dns-providers", withBadField));
            }
            String zone = "/api/v1/zones/" + zoneId;
            String gcp = vms + "/" + ids.get("provider_id").get(VmProviderKind.GCP.ordinal());
            String aws = vms + "/" + ids.get("provider_id").get(VmProviderKind.AWS.ordinal());
            String oci = vms + "/" + ids.get("provider_id").get(VmProviderKind.OCI.ordinal());
            String azure = vms + "/" + ids.get("provider_id").get(VmProviderKind.AZURE.ordinal());
            refused(gcp, Map.of("gcp_credentials", "gcpKeyIdMARKER"));
            refused(gcp, Map.of("gcp_credentials", "{\"private_key_id\": gcpKeyIdMARKER}"));
            refused(gcp, Map.of("gcp_credentials", SampleSettings.GCP_CREDENTIALS + " gcpKeyIdMARKER"));
            refused(aws, Map.of("aws_secret_access_key", SampleSettings.AWS_SECRET + " !"));
            refused(oci, Map.of("oci_private_key", SampleSettings.keyBody(SampleSettings.OCI_KEY)));
            refused(azure, Map.of("azure_client_secret", SampleSettings.AZURE_SECRET + "\nsecond line",
                    "azure_os_password", SampleSettings.AZURE_PASSWORD + "\n"));
            refused(zone, Map.of("nginx_key", SampleSettings.OCI_KEY));
            refused(zone, Map.of("nginx_key", SampleSettings.keyBody(SampleSettings.NGINX_KEY)));
            keep("PUT not JSON", api.send("PUT", aws, "{\"aws_secret_access_key\": " + SampleSettings.AWS_SECRET + "}"));
            keep("PUT not JSON", api.send("PUT", zone, "{\"nginx_key\": \"" + SampleSettings.NGINX_KEY + "\"}"));
            keep("POST anonymous", ApiClient.anonymous(app).post(vms, SampleSettings.vmProvider(VmProviderKind.AWS)));
            HttpResponse<String> page = TestApp.send(HttpRequest.newBuilder(app.url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=" + SampleSettings.AZURE_PASSWORD))
                    .build());
            responses.add("POST /login -> " + page.statusCode() + "\n" + page.headers().map() + "\n" + page.body());
        }

        void refused(String path, Map<String, String> body) {
            ApiClient.Answer a = keep("PUT refused " + path + " " + body.keySet(), api.put(path, body));
            assertThat(a.status()).as(a.toString()).isEqualTo(400);
        }
    }

    /** Reads the stored rows past the app, straight from its embedded PostgreSQL. */
    private static void readRawRows() throws Exception {
        String password = Files.readString(dataDir.resolve("pg/password")).trim();
        String port = Files.readAllLines(dataDir.resolve("pg/cluster/postmaster.pid")).get(3).trim();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/skyhold",
                "postgres", password)) {
            for (String sql : List.of("SELECT id, secrets AS b FROM vm_provider_configs",
                    "SELECT id, secrets AS b FROM dns_provider_configs", "SELECT id, nginx_key AS b FROM zones")) {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    while (rs.next()) {
                        rows.put(sql + " #" + rs.getLong("id"), rs.getBytes("b"));
                    }
                }
            }
            for (String table : List.of("vm_provider_configs", "dns_provider_configs", "zones", "events", "api_keys")) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT row_to_json(t)::text AS j FROM " + table + " t")) {
                    for (int i = 0; rs.next(); i++) {
                        rows.put(table + " as JSON #" + i, rs.getString("j").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private static List<String> secretsIn(String text) {
        return SampleSettings.SECRET_MARKERS.stream().filter(text::contains).toList();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everySecretOfEveryKindWasSavedAndStored() {
        assertThat(savedSecrets).contains("zone.nginx_key", "aws VM provider.aws_secret_access_key",
                "gcp VM provider.gcp_credentials", "oci DNS provider.oci_private_key",
                "rfc2136 DNS provider.rfc2136_tsig_secret", "azure VM provider.azure_os_password");
        assertThat(SampleSettings.SECRET_MARKERS).hasSize(8);
    }

    @Test
    void noResponseHeaderOrBodyHoldsASecret() {
        assertThat(responses).hasSizeGreaterThan(80);
        assertThat(responses).anyMatch(r -> r.contains(NOT_SECRET));
        assertThat(responses).anyMatch(r -> r.contains("\"set\":true"));
        for (String response : responses) {
            assertThat(secretsIn(response)).as(response).isEmpty();
        }
    }

    @Test
    void noLogLineOrConsoleOutputHoldsASecret() {
        List<String> lines = capture.logLines();
        assertThat(lines).anyMatch(l -> l.contains("Skyhold ready on"));
        assertThat(lines).anyMatch(l -> l.contains("skyhold.access") && l.contains(" 400 "));
        for (String line : lines) {
            assertThat(secretsIn(line)).as(line).isEmpty();
        }
        assertThat(secretsIn(capture.console())).isEmpty();
    }

    @Test
    void noFileOfTheDataFolderHoldsASecretAfterTheDatabaseWroteEverything() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.toString().contains("pg_wal"));
        long bytes = 0;
        boolean plainDataSeen = false;
        for (Path file : files) {
            String content = latin1(Files.readAllBytes(file));
            bytes += content.length();
            plainDataSeen |= content.contains(NOT_SECRET);
            assertThat(secretsIn(content)).as(file.toString()).isEmpty();
        }
        assertThat(bytes).isGreaterThan(10_000_000);
        assertThat(plainDataSeen).as("the search reads the database's files, where settings are in plain text").isTrue();
    }

    @Test
    void theStoredRowsHoldSecretsOnlySealed() {
        Map<String, byte[]> sealed = new LinkedHashMap<>(rows);
        sealed.keySet().removeIf(k -> k.contains(" as JSON "));
        assertThat(sealed).hasSize(VmProviderKind.values().length + DnsProviderKind.values().length + 1);
        assertThat(sealed.values().stream().filter(b -> b != null && b.length > 0))
                .as("every kind but the simulated ones has sealed secrets")
                .hasSize(VmProviderKind.values().length - 1 + DnsProviderKind.values().length - 1 + 1);
        assertThat(rows.keySet()).anyMatch(k -> k.startsWith("events as JSON"));
        rows.forEach((row, bytes) -> assertThat(secretsIn(latin1(bytes == null ? new byte[0] : bytes))).as(row).isEmpty());
    }
}
