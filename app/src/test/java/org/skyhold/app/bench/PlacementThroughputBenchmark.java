package org.skyhold.app.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;

/**
 * Benchmark 4: placement throughput. 16 client threads POST {@code /api/v1/sessions} with an API key as fast as
 * the app answers, against a zone of 200 running static agents of 128 cores and 512 GB (25,600 sessions of 1 core
 * and 1 GB fit: room for the whole run even at 1,000/s, so every request should be placed). The first 8 s are a
 * warm-up (the JIT compilers are still busy after start-up on two cores); the next 10 s are counted. Afterwards
 * every agent's open sessions are summed and compared with its capacity (no over-commit) and with its
 * {@code reserved_*} counters (in step), through the app's repositories and in plain SQL. Before each strategy's
 * run the same PostgreSQL's single-row UPDATE rate is measured with as many connections ({@link UpdateRateReference});
 * the target is a share of that rate, so both numbers move together when the shared machine is busy.
 */
public final class PlacementThroughputBenchmark {
    static final int CLIENTS = 16;
    static final int AGENTS = 200;
    static final long WARMUP_MS = 8_000;
    static final long MEASURE_MS = 10_000;
    /** The reference's warm-up: its one statement needs no JIT to settle, only the connections to open. */
    static final long REFERENCE_WARMUP_MS = 2_000;
    /** Placement's target: this share of the single-row UPDATE rate of the same PostgreSQL (issue 19). */
    static final double TARGET_RATIO = 0.3;

    private PlacementThroughputBenchmark() {
    }

    public static void main(String[] args) {
        Bench.quietLogging();
        run();
        AllBenchmarks.printTable();
        System.exit(0);
    }

    static void run() {
        Bench.section("4. Placement throughput, 16 concurrent clients");
        try (BenchApp app = BenchApp.start()) {
            for (String strategy : System.getProperty("bench.strategies", "most_loaded,least_loaded").split(",")) {
                run(app, strategy);
            }
        }
    }

    static void run(BenchApp app, String strategy) {
        // the reference first, on the same server and the same number of connections, with the app idle
        UpdateRateReference.Rate reference = app.updateRate(CLIENTS, REFERENCE_WARMUP_MS, MEASURE_MS);
        System.out.println("  reference: " + reference.describe() + "; load average " + Bench.loadAverage());
        long zone = app.admin("POST", "/api/v1/zones", Map.of("name", "throughput-" + strategy.replace('_', '-'),
                "scaling_enabled", true, "standby_cores", 0, "load_balance_strategy", strategy,
                "agent_missing_after", 86_400, "agent_dead_after", 86_400)).get("id").asLong();
        for (int i = 0; i < AGENTS; i++) {
            app.apiOk("POST", "/api/v1/agents", Map.of("zone_id", zone, "name", "static-" + i, "address",
                    "10.8." + (i / 250) + "." + (i % 250 + 1), "cores", 128, "gpus", 0, "memory_mb", 524_288));
        }
        long image = app.admin("POST", "/api/v1/images", Map.of("name", "throughput-image-" + strategy, "cores", 1,
                "gpus", 0, "memory_mb", 1024)).get("id").asLong();

        AtomicInteger seq = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + WARMUP_MS * 1_000_000L;
        long measureTo = measureFrom + MEASURE_MS * 1_000_000L;
        AtomicInteger placedInWindow = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(CLIENTS);
        long[] cpuAt = new long[2];
        Map<Long, Long> threadsAt = new ConcurrentHashMap<>();
        PgCounters[] pgAt = new PgCounters[1];
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < measureTo) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = app.api("POST", "/api/v1/sessions", Map.of("zone_id", zone,
                                "image_id", image, "user", "u" + seq.incrementAndGet()));
                        long t1 = System.nanoTime();
                        if (t0 < measureFrom && t1 >= measureFrom && cpuAt[0] == 0) {
                            synchronized (cpuAt) {
                                if (cpuAt[0] == 0) {
                                    cpuAt[0] = Bench.jvmCpuNanos();
                                    cpuAt[1] = Bench.treeCpuNanos(app.postmasterPid);
                                    threadsAt.putAll(Bench.threadCpu());
                                    pgAt[0] = PgCounters.read(app.db());
                                }
                            }
                        }
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (t0 >= measureFrom && t1 <= measureTo) {
                            mine.add(t1 - t0);
                            if (r.statusCode() == 201) {
                                placedInWindow.incrementAndGet();
                            }
                        }
                    }
                    latencies.addAll(mine);
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // the first client to finish after the window closes takes the second reading; close enough at 10 s
        long jvmCpu = Bench.jvmCpuNanos() - cpuAt[0];
        String threads = Bench.threadCpuSince(threadsAt, jvmCpu);
        String pgWork = PgCounters.read(app.db()).perUnitSince(pgAt[0], placedInWindow.get());
        long pgCpu = app.postmasterPid > 0 ? Bench.treeCpuNanos(app.postmasterPid) - cpuAt[1] : -1;
        double perSecond = placedInWindow.get() / (MEASURE_MS / 1000.0);
        String cpu = String.format(Locale.ROOT, "CPU per placement: app JVM (server + the 16 clients) %.2f ms, "
                        + "PostgreSQL %s ms; machine load average %s", jvmCpu / 1e6 / Math.max(1, placedInWindow.get()),
                pgCpu < 0 ? "?" : String.format(Locale.ROOT, "%.2f", pgCpu / 1e6 / Math.max(1, placedInWindow.get())),
                Bench.loadAverage());
        System.out.println("  " + cpu);
        System.out.println("  the app JVM's CPU in the window by thread: " + threads);
        System.out.println("  PostgreSQL's work per placement (its statistics): " + pgWork);
        Bench.Stats lat = Bench.Stats.of(latencies);
        System.out.printf(Locale.ROOT, "  %s: %d placed in the %d s window = %.0f sessions/s; statuses over the whole "
                        + "run %s; request latency in the window %s%n", strategy, placedInWindow.get(),
                MEASURE_MS / 1000, perSecond, statuses, lat.ms());

        List<String> overCommitted = new ArrayList<>(overCommitted(app, zone));
        overCommitted.addAll(BenchData.overCommitted(app.db(), zone));
        System.out.println("  over-committed agents: " + overCommitted.size() + (overCommitted.isEmpty() ? ""
                : " " + overCommitted));
        boolean allPlaced = statuses.keySet().stream().allMatch(s -> s == 201);
        double ratio = perSecond / Math.max(1e-9, reference.perSecond());
        Bench.record(new Bench.Result("4. Placement throughput, 16 clients (" + strategy + ")",
                String.format(Locale.ROOT, "%.0f sessions/s = %.2fx the single-row UPDATE rate (%.0f/s), %d "
                        + "over-commits", perSecond, ratio, reference.perSecond(), overCommitted.size()),
                String.format(Locale.ROOT, ">= %.1fx, 0 over-commits", TARGET_RATIO),
                ratio >= TARGET_RATIO && overCommitted.isEmpty() && allPlaced,
                placedInWindow.get() + " placed in " + MEASURE_MS / 1000 + " s after " + WARMUP_MS / 1000
                        + " s of warm-up; reference " + reference.describe() + "; statuses " + statuses
                        + "; per-request latency " + lat.ms() + "; " + cpu));
        Bench.ratio(new Bench.Ratio("Placement, 16 clients, " + strategy + (overCommitted.isEmpty() ? ""
                : " (" + overCommitted.size() + " OVER-COMMITS)"), perSecond, "single-row UPDATEs/s",
                overCommitted.isEmpty() && allPlaced ? reference.perSecond() : null, "/s", TARGET_RATIO, false));
    }

    /**
     * Agents whose open sessions hold more than the agent has in some dimension, or whose reservation counters
     * disagree with their open sessions, as the app's repositories read them; empty when placement kept every
     * promise. ({@link BenchData#overCommitted} checks the same in SQL, without the app's code.)
     */
    static List<String> overCommitted(BenchApp app, long zone) {
        var repos = app.skyhold.repositories();
        Map<String, Capacity> held = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Session s : repos.sessions().listOpenByZone(zone)) {
            held.merge(s.agentId(), s.reservation(), Capacity::plus);
            count.merge(s.agentId(), 1, Integer::sum);
        }
        Map<String, AgentLoad> loads = new HashMap<>();
        repos.agents().loads(zone).forEach(l -> loads.put(l.agentId(), l));
        List<String> bad = new ArrayList<>();
        for (Agent a : repos.agents().listByZone(zone, java.util.Set.of())) {
            Capacity h = held.getOrDefault(a.id(), Capacity.ZERO);
            if (!a.capacity().covers(h)) {
                bad.add(a.id() + " holds " + h + " of " + a.capacity());
            }
            AgentLoad l = loads.get(a.id());
            if (l != null && (!l.reserved().equals(h) || l.sessions() != count.getOrDefault(a.id(), 0))) {
                bad.add(a.id() + " counters " + l.reserved() + "/" + l.sessions() + " but sessions hold " + h);
            }
        }
        System.out.printf(Locale.ROOT, "  checked %d agents holding %d open sessions%n", loads.size(),
                count.values().stream().mapToInt(Integer::intValue).sum());
        return bad;
    }
}
