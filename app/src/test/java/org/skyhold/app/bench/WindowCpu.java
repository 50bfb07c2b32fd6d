package org.skyhold.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Follows a load from its start to the end of its counted window, on the calling thread: it ends the warm-up
 * once the JIT compilers have settled, and splits the window's CPU three ways: the load's client threads (by
 * thread CPU), the app server (this JVM's CPU less the clients' and this sampler's), and PostgreSQL (its process
 * tree).
 *
 * <p>The warm-up ends at the first second, after {@code minWarmup}, at which the JIT compiler threads used less
 * than {@value #SETTLED_SHARE_PERCENT}% of the JVM's CPU over the last {@value #SETTLED_SECONDS} seconds, or at
 * {@code maxWarmup} if they never did. Measured here (two cores shared with other builds), C2 was still
 * compiling through the whole window after a fixed 8 s warm-up (JIT and GC a third of the JVM's CPU); how long
 * it takes to settle depends on how much CPU the compilers get, so the warm-up follows the compilers rather
 * than the clock, and the report says which way it ended.
 */
final class WindowCpu {
    static final int SETTLED_SHARE_PERCENT = 5;
    static final int SETTLED_SECONDS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long SECOND = 1_000_000_000L;

    private final long postmasterPid;
    private final long[] clients;
    private final Jdbi db;
    /** Per second of the run: the JVM's CPU and the JIT compilers' CPU in it, in nanoseconds. */
    private final List<long[]> perSecond = new ArrayList<>();
    private int warmupSeconds;
    private boolean settled;
    private Edge from;
    private Edge to;
    private String byThread;

    /** The counters at one edge of the window. */
    private record Edge(long jvm, long postgres, long clients, long sampler, Map<Long, Long> threads,
                        JvmThreads.Sample machinery, PgCounters pg) {
    }

    /** The load's side of the window. */
    interface Window {
        /** The window opens at {@code from} and closes at {@code to} (nanoTime). */
        void open(long from, long to);
    }

    WindowCpu(long postmasterPid, long[] clientThreads, Jdbi db) {
        this.postmasterPid = postmasterPid;
        this.clients = clientThreads.clone();
        this.db = db;
    }

    /** The JVM's and the JIT's CPU at the previous second's reading. */
    private long lastJvm;
    private JvmThreads.Sample lastJit;

    /** Records the second just ended: the JVM's CPU and the JIT compilers' in it. */
    private void recordSecond() {
        long jvmNow = Bench.jvmCpuNanos();
        JvmThreads.Sample jitNow = JvmThreads.sample();
        perSecond.add(new long[] {jvmNow - lastJvm, jitNow.jitNanosSince(lastJit)});
        lastJvm = jvmNow;
        lastJit = jitNow;
    }

    /**
     * Blocks from {@code start} (nanoTime) until the window has closed, opening it once the warm-up is over.
     *
     * @return the window's start, in nanoTime
     */
    long follow(long start, long minWarmupMillis, long maxWarmupMillis, long windowMillis, Window window) {
        long tick = start;
        lastJvm = Bench.jvmCpuNanos();
        lastJit = JvmThreads.sample();
        waitUntil(start);
        while (true) {
            tick += SECOND;
            waitUntil(tick);
            recordSecond();
            long warm = (tick - start) / 1_000_000L;
            settled = warm >= minWarmupMillis && recentJitPercent() < SETTLED_SHARE_PERCENT;
            if (settled || warm >= maxWarmupMillis) {
                break;
            }
        }
        warmupSeconds = perSecond.size();
        // a little ahead, so every client reads the window before its first request in it
        long open = tick + SECOND / 10;
        long close = open + windowMillis * 1_000_000L;
        window.open(open, close);
        waitUntil(open);
        from = edge();
        for (long t = open + SECOND; t <= close; t += SECOND) {
            waitUntil(t);
            recordSecond();
        }
        waitUntil(close);
        to = edge();
        byThread = Bench.threadCpuSince(from.threads, jvmNanos());
        return open;
    }

    /** The JIT compilers' share of the JVM's CPU over the last {@value #SETTLED_SECONDS} seconds, in %. */
    private long recentJitPercent() {
        long jvm = 0;
        long jit = 0;
        for (long[] s : perSecond.subList(Math.max(0, perSecond.size() - SETTLED_SECONDS), perSecond.size())) {
            jvm += s[0];
            jit += s[1];
        }
        return perSecond.size() < SETTLED_SECONDS ? 100 : jit * 100 / Math.max(1, jvm);
    }

    private Edge edge() {
        long c = 0;
        for (long id : clients) {
            c += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return new Edge(Bench.jvmCpuNanos(), Bench.treeCpuNanos(postmasterPid), c, THREADS.getCurrentThreadCpuTime(),
                Bench.threadCpu(), JvmThreads.sample(), PgCounters.read(db));
    }

    int warmupSeconds() {
        return warmupSeconds;
    }

    long jvmNanos() {
        return to.jvm - from.jvm;
    }

    long clientNanos() {
        return to.clients - from.clients;
    }

    /** The app server's share: the JVM's CPU less the clients' and this sampler's. */
    long serverNanos() {
        return jvmNanos() - clientNanos() - (to.sampler - from.sampler);
    }

    /** PostgreSQL's CPU in the window, or -1 when its process is unknown. */
    long postgresNanos() {
        return from.postgres < 0 ? -1 : to.postgres - from.postgres;
    }

    /** "CPU per placement: app server ..., clients ..., PostgreSQL ..." for {@code units} units of work. */
    String perUnit(int units, String unit) {
        double n = Math.max(1, units);
        return String.format(Locale.ROOT, "CPU per %s: app server %.2f ms (the JVM's %.2f ms less the clients'), "
                        + "clients %.3f ms, PostgreSQL %s ms", unit, serverNanos() / 1e6 / n, jvmNanos() / 1e6 / n,
                clientNanos() / 1e6 / n, postgresNanos() < 0 ? "?" : String.format(Locale.ROOT, "%.2f",
                        postgresNanos() / 1e6 / n));
    }

    /** How the warm-up ended, and the JIT's and the collector's share of the JVM's CPU in the window. */
    String machinery() {
        long jvm = Math.max(1, jvmNanos());
        long jit = to.machinery.jitNanosSince(from.machinery);
        long gc = to.machinery.gcNanosSince(from.machinery);
        long warmJit = perSecond.subList(0, warmupSeconds).stream().mapToLong(s -> s[1]).sum();
        long warmJvm = perSecond.subList(0, warmupSeconds).stream().mapToLong(s -> s[0]).sum();
        return String.format(Locale.ROOT, "warm-up %d s (%s; the JIT used %d ms of CPU in it, %d%% of the JVM's); in "
                        + "the window JIT compiler threads %d%% and GC threads %d%% of the JVM's CPU (%d ms and %d ms; "
                        + "compile time %d ms, GC pauses %d ms)", warmupSeconds, settled ? "the JIT settled under "
                        + SETTLED_SHARE_PERCENT + "% of the JVM's CPU" : "the cap: the JIT had not settled",
                warmJit / 1_000_000, warmJit * 100 / Math.max(1, warmJvm), jit * 100 / jvm, gc * 100 / jvm,
                jit / 1_000_000,
                gc / 1_000_000, to.machinery.compileMillis() - from.machinery.compileMillis(),
                to.machinery.gcPauseMillis() - from.machinery.gcPauseMillis());
    }

    /** The JIT compilers' share of the JVM's CPU second by second, in %: "warm-up 60 45 ... | window 4 2 ...". */
    String jitTrace() {
        return "JIT compiler threads' share of the JVM's CPU each second, %: warm-up "
                + percents(perSecond.subList(0, warmupSeconds)) + " | window "
                + percents(perSecond.subList(warmupSeconds, perSecond.size()));
    }

    private static String percents(List<long[]> seconds) {
        return seconds.stream().map(s -> String.valueOf(s[1] * 100 / Math.max(1, s[0])))
                .collect(Collectors.joining(" "));
    }

    /** The JVM's CPU in the window by thread name, as {@link Bench#threadCpuSince} gives it. */
    String byThread() {
        return byThread;
    }

    /** PostgreSQL's statistics per unit of work in the window. */
    String postgresWork(int units) {
        return to.pg.perUnitSince(from.pg, units);
    }

    private static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
