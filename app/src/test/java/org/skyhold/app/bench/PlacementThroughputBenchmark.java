package org.skyhold.app.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;

/**
 * Benchmark 4: placement throughput. 16 client threads POST {@code /api/v1/sessions} with an API key as fast as
 * the app answers, each over a keep-alive connection of its own ({@link PlacementLoad}, {@link RawHttpClient}: the
 * clients share the app's two cores, so they must cost it little), against a zone of 200 running static agents of
 * 1,024 cores and 1 TB (204,800 sessions of 1 core and 1 GB fit: room for the longest warm-up and the window even
 * at 3,000/s, so every request should be placed). The warm-up lasts until the JIT compilers have settled
 * ({@link WindowCpu}); the next 10 s are counted, and their CPU is split between the app server, the clients and
 * PostgreSQL. Afterwards
 * every agent's open sessions are summed and compared with its capacity (no over-commit) and with its
 * {@code reserved_*} counters (in step), through the app's repositories and in plain SQL. Before each strategy's
 * run the same PostgreSQL's single-row UPDATE rate is measured with as many connections ({@link UpdateRateReference});
 * the target is a share of that rate, so both numbers move together when the shared machine is busy.
 */
public final class PlacementThroughputBenchmark {
    static final int CLIENTS = 16;
    static final int AGENTS = 200;
    /** Cores (and GB of memory) of each agent: 204,800 sessions of 1 core and 1 GB fit in the 200. */
    static final int AGENT_CORES = 1_024;
    /** The warm-up lasts until the JIT has settled ({@link WindowCpu}), at least this long... */
    static final long MIN_WARMUP_MS = 10_000;
    /**
     * ...and at most this long on the JVM's first load. Code run once a request reaches C2's thresholds (thousands
     * of calls) only after thousands of requests, and the compilers get little CPU on a busy machine: measured
     * here, they still took 20-50 % of the JVM's CPU 45 s into the first load at load averages of 6-23, and
     * settled after about 75 s of load in a separate-process run at a load average of 10-15.
     */
    static final long MAX_FIRST_WARMUP_MS = 90_000;
    /** ...and at most this long once a load has run: the second strategy settled after 15-20 s. */
    static final long MAX_WARMUP_MS = 20_000;
    /** Whether a load has run in this JVM already (the second strategy starts with the first's compiled code). */
    private static boolean jitWarm;
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
                    "10.8." + (i / 250) + "." + (i % 250 + 1), "cores", AGENT_CORES, "gpus", 0,
                    "memory_mb", AGENT_CORES * 1024));
        }
        long image = app.admin("POST", "/api/v1/images", Map.of("name", "throughput-image-" + strategy, "cores", 1,
                "gpus", 0, "memory_mb", 1024)).get("id").asLong();

        PlacementLoad load = new PlacementLoad(new InetSocketAddress("127.0.0.1", app.skyhold.port()), app.bearer,
                zone, image);
        long start = System.nanoTime() + 200_000_000L;
        load.start(CLIENTS, start);
        WindowCpu cpu = new WindowCpu(app.postmasterPid, load.threadIds(), app.db());
        try {
            cpu.follow(start, MIN_WARMUP_MS, jitWarm ? MAX_WARMUP_MS : MAX_FIRST_WARMUP_MS, MEASURE_MS, load);
        } finally {
            load.release();
        }
        jitWarm = true;
        load.await();
        int placed = load.placedInWindow();
        double perSecond = placed / (MEASURE_MS / 1000.0);
        String perPlacement = cpu.perUnit(placed, "placement") + "; machine load average " + Bench.loadAverage();
        System.out.println("  " + perPlacement);
        System.out.println("  " + cpu.machinery());
        System.out.println("  " + cpu.jitTrace());
        System.out.println("  the app JVM's CPU in the window by thread: " + cpu.byThread());
        System.out.println("  PostgreSQL's work per placement (its statistics): " + cpu.postgresWork(placed));
        Bench.Stats lat = Bench.Stats.of(load.latencies());
        String answers = String.format(Locale.ROOT, "statuses over the whole run %s, %d failed requests, %d 201s "
                + "without a session, %d connections opened", load.statuses(), load.failures(), load.badAnswers(),
                load.connections());
        System.out.printf(Locale.ROOT, "  %s: %d placed in the %d s window = %.0f sessions/s; %s; request latency "
                + "in the window %s%n", strategy, placed, MEASURE_MS / 1000, perSecond, answers, lat.ms());
        load.messages().forEach(m -> System.out.println("    " + m));

        List<String> overCommitted = new ArrayList<>(overCommitted(app, zone));
        overCommitted.addAll(BenchData.overCommitted(app.db(), zone));
        System.out.println("  over-committed agents: " + overCommitted.size() + (overCommitted.isEmpty() ? ""
                : " " + overCommitted));
        boolean allPlaced = load.allPlaced();
        double ratio = perSecond / Math.max(1e-9, reference.perSecond());
        Bench.record(new Bench.Result("4. Placement throughput, 16 clients (" + strategy + ")",
                String.format(Locale.ROOT, "%.0f sessions/s = %.2fx the single-row UPDATE rate (%.0f/s), %d "
                        + "over-commits", perSecond, ratio, reference.perSecond(), overCommitted.size()),
                String.format(Locale.ROOT, ">= %.1fx, 0 over-commits", TARGET_RATIO),
                ratio >= TARGET_RATIO && overCommitted.isEmpty() && allPlaced,
                placed + " placed in " + MEASURE_MS / 1000 + " s after " + cpu.warmupSeconds()
                        + " s of warm-up; reference " + reference.describe() + "; " + answers
                        + "; per-request latency " + lat.ms() + "; " + perPlacement + "; " + cpu.machinery()));
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
