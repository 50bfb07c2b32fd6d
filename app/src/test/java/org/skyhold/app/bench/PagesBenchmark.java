package org.skyhold.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.model.Capacity;

/**
 * Benchmark 6: the live pages at scale. A running app (as benchmark 3) whose zone holds 10,000 running agents with
 * 100,000 open sessions, plus 20,000 destroyed agents of its history and 100,000 events. Each page is fetched as
 * the page script refreshes it every 3 s in every open tab: a signed-in browser's session cookie and the header
 * {@code X-Skyhold-Refresh: 1}. One client, one request at a time, so the time is the server's render of that
 * page (plus the loopback). The zone's loop keeps running meanwhile, as in production.
 */
public final class PagesBenchmark {
    static final int AGENTS = 10_000;
    static final int SESSIONS = 100_000;
    static final int DESTROYED = 20_000;
    static final int EVENTS = 100_000;
    static final int WARMUP = 10;
    static final int RUNS = 30;

    private PagesBenchmark() {
    }

    public static void main(String[] args) {
        Bench.quietLogging();
        run();
        AllBenchmarks.printTable();
        System.exit(0);
    }

    static void run() {
        Bench.section("6. Live pages at 10,000 agents (+20,000 destroyed), one signed-in browser refreshing");
        try (BenchApp app = BenchApp.start()) {
            run(app);
        }
    }

    static void run(BenchApp app) {
        Jdbi db = app.db();
        BenchData.Zone zone = BenchData.zoneAtScale(db, "pages", AGENTS, SESSIONS, new Capacity(16, 0, 65_536),
                new Capacity(1, 0, 4096), 1000, Instant.now());
        history(db, zone);
        // the agent whose page is read: its lifecycle began before a busy day of other events
        String busy = zone.agentIds().get(0);
        events(db, zone.zoneId(), busy);
        BenchData.analyze(db);
        String cookie = signIn(app);
        long z = zone.zoneId();
        List<String> labels = List.of("/agents", "/agents?zone_id=Z", "/agents?show_destroyed=on", "/agents/{id}",
                "/zones/Z", "/", "/events");
        List<String> paths = labels.stream().map(l -> l.replace("Z", Long.toString(z)).replace("{id}", busy))
                .toList();
        // PostgreSQL's CPU per request includes the zone loop's passes in the same seconds
        Bench.postgresPid = app.postmasterPid;
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            page(app, labels.get(i), () -> get(app, path, cookie), table);
        }
        // the engine's dry-run plan alone, which the zone dashboard and the home page each compute per request
        page(app, "/api/v1/zones/Z/plan (dry run alone)", () -> app.api("GET", "/api/v1/zones/" + z + "/plan", null),
                table);
        Bench.postgresPid = -1;
        System.out.println("  | Page | median ms | p99 ms | bytes | JVM CPU ms |" + table);
    }

    /**
     * Warms up, then times {@link #RUNS} requests one after another and records median, p99, the response's size
     * and the CPU this JVM spent per request: the server's threads, the client's, and the zone loop's share of the
     * same seconds (about 40 ms per 2 s pass at this scale, see benchmark 2).
     */
    private static void page(BenchApp app, String label, java.util.function.Supplier<HttpResponse<String>> request,
                             StringBuilder table) {
        long[] bytes = new long[1];
        java.util.function.LongSupplier op = () -> {
            HttpResponse<String> r = request.get();
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + label + " answered " + r.statusCode());
            }
            bytes[0] = r.body().getBytes(StandardCharsets.UTF_8).length;
            return bytes[0];
        };
        for (int i = 0; i < WARMUP; i++) {
            op.getAsLong();
        }
        long cpu0 = Bench.jvmCpuNanos();
        Bench.Stats s = Bench.time("GET " + label, 0, RUNS, op);
        long jvm = (Bench.jvmCpuNanos() - cpu0) / RUNS;
        System.out.printf(Locale.ROOT, "  %-58s response %,d bytes; this JVM's CPU per request %s ms%n", "", bytes[0],
                Bench.ms(jvm));
        table.append(String.format(Locale.ROOT, "%n  | %s | %s | %s | %,d | %s |", label, Bench.ms(s.median()),
                Bench.ms(s.p99()), bytes[0], Bench.ms(jvm)));
        Bench.record(new Bench.Result("6. GET " + label, String.format(Locale.ROOT,
                "median %s ms, p99 %s ms, %,d bytes, JVM CPU %s ms", Bench.ms(s.median()), Bench.ms(s.p99()),
                bytes[0], Bench.ms(jvm)), "none", null, s.ms()));
    }

    /** The zone's past: agents destroyed over the last 60 days, as autoscaling leaves them behind. */
    private static void history(Jdbi db, BenchData.Zone zone) {
        db.useHandle(h -> h.createUpdate("""
                INSERT INTO agents (id, zone_id, provider_config_id, autoscaled, name, state, instance_id,
                                    private_ip, cores, gpus, memory_mb, created_at, state_changed_at,
                                    checked_in_at, last_heartbeat_at, destroyed_at)
                SELECT 'z' || :zone || 'd' || lpad(g::text, 8, '0'), :zone, :provider, true, 'skyhold-old-' || g,
                       'destroyed', 'i-old-' || g, '10.200.' || (g / 256 % 256) || '.' || (g % 256), 16, 0, 65536,
                       now() - make_interval(mins => 4 * g + 120), now() - make_interval(mins => 4 * g),
                       now() - make_interval(mins => 4 * g + 110), now() - make_interval(mins => 4 * g),
                       now() - make_interval(mins => 4 * g)
                  FROM generate_series(1, :n) g""")
                .bind("zone", zone.zoneId()).bind("provider", zone.providerId()).bind("n", DESTROYED).execute());
    }

    /**
     * The decision log: {@code busy} was created long ago, then 500 session events of its own followed; the rest
     * are spread over the zone's agents.
     */
    private static void events(Jdbi db, long zone, String busy) {
        db.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO events (at, zone_id, agent_id, kind, reason)
                    VALUES (now() - interval '2 days', :zone, :agent, 'agent.created', 'bench: created'),
                           (now() - interval '47 hours', :zone, :agent, 'agent.running', 'bench: checked in')""")
                    .bind("zone", zone).bind("agent", busy).execute();
            h.createUpdate("""
                    INSERT INTO events (at, zone_id, agent_id, kind, reason)
                    SELECT now() - make_interval(secs => g * 60), :zone, :agent, 'session.placed',
                           'bench: session ' || g || ' placed'
                      FROM generate_series(1, 500) g""").bind("zone", zone).bind("agent", busy).execute();
            h.createUpdate("""
                    INSERT INTO events (at, zone_id, agent_id, kind, reason)
                    SELECT now() - make_interval(secs => g), :zone, 'z' || :zone || 'a' || lpad((g % 10000 + 1)::text, 8, '0'),
                           CASE WHEN g % 10 = 0 THEN 'agent.running' ELSE 'session.placed' END,
                           'bench: event ' || g
                      FROM generate_series(1, :n) g""").bind("zone", zone).bind("n", EVENTS).execute();
        });
    }

    /** Signs in through the sign-in form, as a browser does, and returns the session cookie. */
    private static String signIn(BenchApp app) {
        String form = "username=admin&password=" + URLEncoder.encode(BenchApp.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&next=/";
        HttpRequest r = HttpRequest.newBuilder(app.url("/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(app, r);
        String setCookie = response.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("sign-in answered " + response.statusCode()
                        + " without a cookie"));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> get(BenchApp app, String path, String cookie) {
        return send(app, HttpRequest.newBuilder(app.url(path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", cookie).header("X-Skyhold-Refresh", "1").GET().build());
    }

    private static HttpResponse<String> send(BenchApp app, HttpRequest request) {
        try {
            return app.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
