package org.skyhold.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What every benchmark shares: timing loops with a warm-up, percentiles, the machine's load, and the results
 * table that {@link AllBenchmarks} prints at the end. Times are wall-clock ({@link System#nanoTime()}).
 */
final class Bench {
    /** One line of the final table. */
    record Result(String benchmark, String result, String target, boolean met, String note) {
    }

    private static final List<Result> RESULTS = new ArrayList<>();

    private Bench() {
    }

    static synchronized void record(Result r) {
        RESULTS.add(r);
        System.out.printf(Locale.ROOT, "%n==> %s: %s (target %s) %s%n%n", r.benchmark(), r.result(), r.target(),
                r.met() ? "MET" : "MISSED");
    }

    static synchronized List<Result> results() {
        return List.copyOf(RESULTS);
    }

    /** Percentiles of a set of samples, in nanoseconds. */
    record Stats(int n, long median, long p90, long p99, long max, long min) {
        static Stats of(long[] samples) {
            long[] s = samples.clone();
            Arrays.sort(s);
            return new Stats(s.length, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99), s[s.length - 1], s[0]);
        }

        static Stats of(List<Long> samples) {
            return of(samples.stream().mapToLong(Long::longValue).toArray());
        }

        /** Nearest-rank percentile. */
        private static long rank(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        String ms() {
            return String.format(Locale.ROOT, "n=%d median %s ms, p90 %s ms, p99 %s ms, max %s ms (min %s ms)", n,
                    Bench.ms(median), Bench.ms(p90), Bench.ms(p99), Bench.ms(max), Bench.ms(min));
        }
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms < 10 ? String.format(Locale.ROOT, "%.3f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    /**
     * Runs {@code op} {@code warmup} times unmeasured, then {@code runs} times measured, and prints the
     * percentiles. {@code op} returns a value that is folded into a sink so the JIT cannot drop the work.
     */
    static Stats time(String what, int warmup, int runs, LongSupplier op) {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += op.getAsLong();
        }
        long[] samples = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += op.getAsLong();
            samples[i] = System.nanoTime() - t0;
        }
        Stats stats = Stats.of(samples);
        System.out.printf(Locale.ROOT, "  %-58s %s  [load %s] (sink %d)%n", what, stats.ms(), loadAverage(),
                sink & 0xff);
        return stats;
    }

    /** The 1-minute load average, to show when other work shared the two cores. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** VmRSS of a process in KiB, from {@code /proc/PID/status}; -1 when the process is gone. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Routes java.util.logging (Liquibase, Jetty) through SLF4J, as Main does, so logback-bench.xml quiets it. */
    static void quietLogging() {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    static void section(String title) {
        System.out.println();
        System.out.println("### " + title + "  (load average " + loadAverage() + ")");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
