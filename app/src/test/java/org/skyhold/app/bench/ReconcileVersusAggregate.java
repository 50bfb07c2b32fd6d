package org.skyhold.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.app.Repositories;
import org.skyhold.app.engine.Engine;
import org.skyhold.domain.engine.LeaseGuard;
import org.skyhold.domain.planner.Plan;

/**
 * Issue 19's reconcile measurement: {@link EngineBenchmark#PASSES} passes of {@code ZoneReconciler.reconcile}
 * ({@link EngineBenchmark#WARMUP} more unmeasured first), the clock moving {@link EngineBenchmark#TICK_SECONDS} a pass
 * as the loop's tick does, each after one tick of {@link ZoneChurn} (not timed: other threads write it), and in the
 * same loop, in rotating order so all three see the same load, the two {@link BareAggregate}s. The reference is the
 * aggregate over the rows a pass reads, the agents with their load columns; the one that sums the 100,000 sessions
 * is printed for context. Every pass's free capacity is checked against both.
 */
final class ReconcileVersusAggregate {
    private final Engine engine;
    private final long zoneId;
    private final BareAggregate aggregate;
    private final ZoneChurn churn;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Per timed operation: this thread's CPU and PostgreSQL's, summed over the measured runs. */
    private final long[][] cpu = new long[3][2];

    ReconcileVersusAggregate(Engine engine, Repositories repos, Jdbi jdbi, BenchData.Zone z) {
        this.engine = engine;
        this.zoneId = z.zoneId();
        this.aggregate = new BareAggregate(jdbi, zoneId);
        this.churn = new ZoneChurn(jdbi, repos, z, EngineBenchmark.SESSIONS, EngineBenchmark.AGENT_SIZE,
                EngineBenchmark.SESSION_SIZE);
    }

    EngineBenchmark.Result run(Instant t0) {
        int runs = EngineBenchmark.PASSES;
        String loadBefore = Bench.loadAverage();
        long[][] wall = new long[3][runs];
        long changed = 0;
        Instant now = t0;
        for (int i = -EngineBenchmark.WARMUP; i < runs; i++) {
            now = now.plusSeconds(EngineBenchmark.TICK_SECONDS);
            int rows = churn.tick(now, EngineBenchmark.TICK_SECONDS);
            Instant at = now;
            Object[] out = new Object[3];
            for (int k = 0; k < 3; k++) {
                int op = Math.floorMod(i + k, 3);
                long took = timed(op, i >= 0, () -> out[op] = switch (op) {
                    case 0 -> engine.reconciler.reconcile(zoneId, at, LeaseGuard.NONE).orElseThrow();
                    case 1 -> aggregate.freeFromCounters();
                    default -> aggregate.free();
                });
                if (i >= 0) {
                    wall[op][i] = took;
                }
            }
            Plan plan = (Plan) out[0];
            if (!plan.nothingToDo()) {
                throw new IllegalStateException("the pass wanted to act: " + plan);
            }
            if (!plan.free().equals(out[1]) || !plan.free().equals(out[2])) {
                throw new IllegalStateException("the pass saw " + plan.free() + " free, the aggregates " + out[1]
                        + " and " + out[2]);
            }
            changed += i >= 0 ? rows : 0;
        }
        Bench.Stats pass = Bench.Stats.of(wall[0]);
        Bench.Stats reference = Bench.Stats.of(wall[1]);
        Bench.Stats joined = Bench.Stats.of(wall[2]);
        EngineBenchmark.Result r = new EngineBenchmark.Result(pass.median(), pass.p90(), pass.p99(), pass.max(),
                reference.median(), reference.p99(), loadBefore + " -> " + Bench.loadAverage());
        print("ZoneReconciler.reconcile (clock +2 s a pass)", pass, 0);
        print("reference: aggregate of the agents' rows (load columns)", reference, 1);
        print("context: aggregate summing the open sessions", joined, 2);
        System.out.printf(Locale.ROOT, "  slowest passes: %s%n", slowest(wall[0], 5));
        System.out.printf(Locale.ROOT, "  churn: %d rows written between passes (%d a pass); pass / reference: median"
                        + " %.2fx, p99 %.2fx; pass / sessions aggregate: median %.2fx, p99 %.2fx [load %s]%n",
                changed, changed / runs, r.medianRatio(), r.p99Ratio(), (double) pass.median() / joined.median(),
                (double) pass.p99() / joined.p99(), r.loadAverage());
        return r;
    }

    /**
     * Passes that each begin under a lease of their own, so each reads the zone in full, as a pass does after the
     * lease is taken and every {@code LiveAgentCache.FULL_READ_EVERY}; the churn between them is not timed.
     */
    Bench.Stats fullReadPasses(Instant from, int warmup, int runs) {
        long[] wall = new long[runs];
        Instant now = from;
        for (int i = -warmup; i < runs; i++) {
            now = now.plusSeconds(EngineBenchmark.TICK_SECONDS);
            churn.tick(now, EngineBenchmark.TICK_SECONDS);
            LeaseGuard.Fence fence = new LeaseGuard.Fence("bench", 1_000_000L + i);
            LeaseGuard lease = new LeaseGuard() {
                @Override
                public void check() {
                }

                @Override
                public Fence fence() {
                    return fence;
                }
            };
            Instant at = now;
            long took = timed(0, false, () -> engine.reconciler.reconcile(zoneId, at, lease).orElseThrow());
            if (i >= 0) {
                wall[i] = took;
            }
        }
        Bench.Stats s = Bench.Stats.of(wall);
        System.out.printf(Locale.ROOT, "  %-58s %s [load %s]%n", "ZoneReconciler.reconcile under a new lease each"
                + " (full read)", s.ms(), Bench.loadAverage());
        return s;
    }

    /**
     * The {@code n} slowest passes by index: a sweep is due every 30 passes, so passes that swept (before the sweep
     * left the pass) show as indices 30 apart.
     */
    private static String slowest(long[] wall, int n) {
        return IntStream.range(0, wall.length).boxed().sorted(Comparator.comparingLong(i -> -wall[i])).limit(n)
                .map(i -> "#" + i + " " + Bench.ms(wall[i]) + " ms").collect(Collectors.joining(", "));
    }

    private long timed(int op, boolean measured, Supplier<Object> work) {
        long pg = measured ? Bench.treeCpuNanos(Bench.postgresPid) : 0;
        long own = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        work.get();
        long took = System.nanoTime() - t;
        if (measured) {
            cpu[op][0] += threads.getCurrentThreadCpuTime() - own;
            cpu[op][1] += Bench.treeCpuNanos(Bench.postgresPid) - pg;
        }
        return took;
    }

    private void print(String what, Bench.Stats s, int op) {
        System.out.printf(Locale.ROOT, "  %-58s %s%n  %-58s CPU per run: this thread %s ms, PostgreSQL %s ms%n", what,
                s.ms(), "", Bench.ms(cpu[op][0] / s.n()), Bench.ms(cpu[op][1] / s.n()));
    }
}
