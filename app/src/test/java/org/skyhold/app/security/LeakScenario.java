package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
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
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.web.RouteInfo;

/**
 * Drives an app through every secret of every kind: saves them, reads every GET route of the table (and each
 * connection test) with every id, and sends refused requests that carry secrets. Keeps every response: status,
 * every header, and the body.
 */
final class LeakScenario {
    final List<String> responses = new ArrayList<>();
    final List<String> savedSecrets = new ArrayList<>();
    final TestApp app;
    final ApiClient api;
    final Map<String, List<String>> ids = new HashMap<>(Map.of("id", new ArrayList<>(),
            "provider_id", new ArrayList<>()));
    long zoneId;

    LeakScenario(TestApp app) {
        this.app = app;
        this.api = new ApiClient(app);
    }

    ApiClient.Answer keep(String what, ApiClient.Answer a) {
        responses.add(what + " -> " + a.status() + "\n" + a.headers().map() + "\n" + a.raw());
        return a;
    }

    void saveEverything() {
        long dnsId = 0;
        for (String kind : TestCatalog.dnsIds()) {
            dnsId = saved(SettingsKind.dns(kind), SampleSettings.dnsProvider(kind));
        }
        Map<String, String> zone = SampleSettings.zone(dnsId);
        zoneId = saved(SettingsKind.zone(), zone);
        for (String kind : TestCatalog.vmIds()) {
            long id = saved(SettingsKind.vm(kind), SampleSettings.vmProvider(kind));
            ids.get("provider_id").add(Long.toString(id));
        }
        ids.get("id").add(0, Long.toString(zoneId));
        keep("POST api key", api.post("/api/v1/api-keys", Map.of("name", "leak-test", "scope", "admin")));
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
            boolean read = route.method() == HandlerType.GET;
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
        // parameters of resources this scenario does not save (agents, sessions, images) read as "1": a 404 too
        // must not leak
        return paths.stream().map(p -> p.replaceAll("\\{[^}]+}", "1")).toList();
    }

    void refuseWithSecretsInTheRequest() {
        String vms = "/api/v1/zones/" + zoneId + "/vm-providers";
        for (String kind : TestCatalog.vmIds()) {
            Map<String, String> withBadField = new HashMap<>(SampleSettings.vmProvider(kind));
            withBadField.put("priority", "first");
            keep("PUT bad " + kind, api.put(vms + "/" + ids.get("provider_id").get(TestCatalog.vmIds().indexOf(kind)),
                    withBadField));
            withBadField.put("colour", "blue");
            keep("POST bad " + kind, api.post(vms, withBadField));
        }
        for (String kind : TestCatalog.dnsIds()) {
            Map<String, String> withBadField = new HashMap<>(SampleSettings.dnsProvider(kind));
            withBadField.put("endpoint_override", "ftp://nope");
            keep("POST bad dns " + kind, api.post("/api/v1/dns-providers", withBadField));
        }
        String zone = "/api/v1/zones/" + zoneId;
        String aws = vms + "/" + ids.get("provider_id").get(TestCatalog.vmIds().indexOf("aws"));
        String digitalocean = vms + "/" + ids.get("provider_id").get(TestCatalog.vmIds().indexOf("digitalocean"));
        refused(aws, Map.of("aws_secret_access_key", SampleSettings.AWS_SECRET + " !"));
        refused(digitalocean, Map.of("digital_ocean_token", SampleSettings.DO_TOKEN + "\nsecond line"));
        refused(zone, Map.of("nginx_key", SampleSettings.keyBody(SampleSettings.NGINX_KEY) + "x"));
        refused(zone, Map.of("nginx_key", SampleSettings.keyBody(SampleSettings.NGINX_KEY)));
        keep("PUT not JSON", api.send("PUT", aws, "{\"aws_secret_access_key\": " + SampleSettings.AWS_SECRET + "}"));
        keep("PUT not JSON", api.send("PUT", zone, "{\"nginx_key\": \"" + SampleSettings.NGINX_KEY + "\"}"));
        keep("POST anonymous", ApiClient.anonymous(app).post(vms, SampleSettings.vmProvider("aws")));
        HttpResponse<String> page = TestApp.send(HttpRequest.newBuilder(app.url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=" + SampleSettings.DO_TOKEN))
                .build());
        responses.add("POST /login -> " + page.statusCode() + "\n" + page.headers().map() + "\n" + page.body());
    }

    void refused(String path, Map<String, String> body) {
        ApiClient.Answer a = keep("PUT refused " + path + " " + body.keySet(), api.put(path, body));
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
    }

    /** The stored rows read past the app, straight from its embedded PostgreSQL in {@code dataDir}. */
    static Map<String, byte[]> rawRows(Path dataDir) throws Exception {
        Map<String, byte[]> rows = new LinkedHashMap<>();
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
        return rows;
    }
}
