package org.skyhold.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.web.RouteInfo;

/**
 * The app the fuzz tests hammer: one of each object (zone, VM and DNS provider, image, staging config, static agent,
 * API key, standby window) so every route's path can be filled, scaling off so the engine writes nothing on its own, and a snapshot
 * of every settings table to prove a refused write saved nothing.
 */
final class FuzzApp implements AutoCloseable {
    /** Writes the fuzzers leave alone: they end the fuzzer's own session or delete what the paths point at. */
    private static final List<String> SKIPPED_SUFFIXES = List.of("/delete", "/destroy", "/revoke", "/drain",
            "/logout", "/login");
    /** Tables that are logs or the engine's own bookkeeping, not what an operator's write saves. */
    private static final Set<String> NOT_SETTINGS = Set.of("events", "web_sessions", "zone_leases",
            "capacity_samples", "installation", "databasechangelog", "databasechangeloglock");

    final Map<String, String> env = TestApp.env(TestApp.newDataDir());
    final TestApp app;
    final ApiClient admin;
    final Map<String, String> ids = new HashMap<>();
    final String cookie;
    final String csrf;

    FuzzApp() {
        app = TestApp.start(env);
        admin = new ApiClient(app);
        ids.put("dns", id(admin.post("/api/v1/dns-providers", SampleSettings.dnsProvider("digitalocean"))));
        Map<String, String> zone = new HashMap<>(SampleSettings.zone(Long.parseLong(ids.get("dns"))));
        zone.put("scaling_enabled", "false");
        // the static agent sends no heartbeats; it must not change state while a case compares snapshots
        zone.put("agent_missing_after", "86400");
        zone.put("agent_dead_after", "604800");
        ids.put("zone", id(admin.post("/api/v1/zones", zone)));
        Map<String, String> sim = new HashMap<>(SampleSettings.vmProvider("simulated"));
        sim.put("enabled", "false");
        ids.put("vm", id(admin.post("/api/v1/zones/" + ids.get("zone") + "/vm-providers", sim)));
        ids.put("image", id(admin.post("/api/v1/images", Map.of("name", "desk", "cores", 2, "gpus", 0,
                "memory_mb", 4096))));
        ids.put("staging", id(admin.post("/api/v1/zones/" + ids.get("zone") + "/staging-configs",
                Map.of("image_id", ids.get("image"), "num_sessions", 1, "expiration", 24))));
        ids.put("agent", admin.post("/api/v1/agents", Map.of("zone_id", ids.get("zone"), "name", "rack-1",
                "address", "10.0.0.1", "cores", 8, "gpus", 0, "memory_mb", 16384)).body().get("id").asText());
        ids.put("key", id(admin.post("/api/v1/api-keys", Map.of("name", "fuzz-read", "scope", "read"))));
        ids.put("window", id(admin.post("/api/v1/zones/" + ids.get("zone") + "/schedules", Map.of("name", "office",
                "days", List.of("mon", "tue"), "start", "09:00", "end", "18:00", "time_zone", "Europe/Berlin",
                "standby_cores", 8, "standby_gpus", 0, "standby_memory_mb", 0))));
        cookie = app.sessionCookie();
        csrf = Jsoup.parse(TestApp.send(HttpRequest.newBuilder(app.url("/")).header("Cookie", cookie).GET().build())
                .body()).select("form[action=/logout] input[name=_csrf]").attr("value");
        assertThat(csrf).as("the pages carry a CSRF token").isNotBlank();
    }

    private static String id(ApiClient.Answer created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** The POST and PUT routes of one kind (JSON or page), the ones that delete or sign out left out. */
    List<RouteInfo> writes(boolean json) {
        return app.skyhold.routes().stream()
                .filter(r -> r.method() == HandlerType.POST || r.method() == HandlerType.PUT)
                .filter(r -> r.json() == json)
                .filter(r -> SKIPPED_SUFFIXES.stream().noneMatch(r.path()::endsWith))
                .toList();
    }

    /** The route's path with each parameter replaced by the id of the object of that kind. */
    String path(RouteInfo route) {
        String p = route.path();
        String own = p.contains("/dns-providers/") ? "dns" : p.contains("/images/") ? "image"
                : p.contains("/agents/") ? "agent" : p.contains("/api-keys/") ? "key" : "zone";
        // a parameter added later and not known here gets an id nothing has, which must be a 404, not a 5xx
        return p.replace("{provider_id}", ids.get("vm")).replace("{staging_id}", ids.get("staging"))
                .replace("{window_id}", ids.get("window")).replace("{id}", ids.get(own))
                .replaceAll("\\{[a-z_]+}", "999999");
    }

    HttpResponse<String> sendJson(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", TestApp.basicAdmin());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return TestApp.send(b.build());
    }

    HttpResponse<String> sendForm(String path, String body) {
        return TestApp.send(HttpRequest.newBuilder(app.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Every row of every settings table as text, in text order: equal snapshots mean nothing was saved. */
    String snapshot() {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(env.get("SKYHOLD_DATABASE_URL"),
                env.get("SKYHOLD_DATABASE_USER"), env.get("SKYHOLD_DATABASE_PASSWORD"));
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (NOT_SETTINGS.contains(table)) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '') "
                        + "FROM " + table + " t")) {
                    rs.next();
                    all.append(table).append(':').append(rs.getString(1)).append('\n');
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }

    @Override
    public void close() {
        app.close();
    }
}
