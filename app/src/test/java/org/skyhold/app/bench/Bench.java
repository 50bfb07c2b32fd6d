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
    /** One line of the final table; {@code met} is null for a measurement without a target of its own. */
    record Result(String benchmark, String result, String target, Boolean met, String note) {
        String verdict() {
            return met == null ? "-" : met ? "yes" : "**no**";
        }
    }

    private static final List<Result> RESULTS = new ArrayList<>();
    private static final List<Ratio> RATIOS = new ArrayList<>();

    /**
     * One line of the closing ratios table (issue 19): a measurement against its reference, each taken in the same
     * run, so a busy machine moves both. {@code reference} is null when this run has none (the line then says so).
     *
     * @param atMost true when the ratio must stay at or below {@code target}, false when at or above it
     */
    record Ratio(String measure, double value, String referenceName, Double reference, String unit, double target,
                 boolean atMost) {
        Double ratio() {
            return reference == null || reference == 0 ? null : value / reference;
        }

        Boolean met() {
            Double r = ratio();
            return r == null ? null : atMost ? r <= target : r >= target;
        }
    }

    private Bench() {
    }

    static synchronized void record(Result r) {
        RESULTS.add(r);
        System.out.printf(Locale.ROOT, "%n==> %s: %s (target %s) %s%n%n", r.benchmark(), r.result(), r.target(),
                r.met() == null ? "" : r.met() ? "MET" : "MISSED");
    }

    static synchronized List<Result> results() {
        return List.copyOf(RESULTS);
    }

    static synchronized void ratio(Ratio r) {
        RATIOS.add(r);
    }

    static synchronized List<Ratio> ratios() {
        return List.copyOf(RATIOS);
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
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long pg0 = treeCpuNanos(postgresPid);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += op.getAsLong();
            samples[i] = System.nanoTime() - t0;
        }
        long cpu = (threads.getCurrentThreadCpuTime() - cpu0) / runs;
        long pg = pg0 < 0 ? -1 : (treeCpuNanos(postgresPid) - pg0) / runs;
        Stats stats = Stats.of(samples);
        System.out.printf(Locale.ROOT, "  %-58s %s%n  %-58s CPU per run: this thread %s ms, PostgreSQL %s ms "
                        + "[load %s] (sink %d)%n", what, stats.ms(), "", ms(cpu), pg < 0 ? "?" : ms(pg),
                loadAverage(), sink & 0xff);
        return stats;
    }

    /**
     * The postmaster whose process tree {@link #time} charges with PostgreSQL's CPU (a server only this JVM
     * uses), or -1 for none.
     */
    static volatile long postgresPid = -1;

    /** The postmaster listening on {@code port} on this machine, found by its command line; -1 if none. */
    static long postmasterOnPort(int port) {
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        for (java.io.File f : procs == null ? new java.io.File[0] : procs) {
            try {
                String cmd = Files.readString(f.toPath().resolve("cmdline")).replace('\0', ' ');
                if (cmd.contains("postgres") && cmd.contains(" -D ") && cmd.matches(".*-p " + port + "\\b.*")) {
                    return Long.parseLong(f.getName());
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return -1;
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

    /** CPU time of every live thread of this JVM by thread id, in nanoseconds. */
    static java.util.Map<Long, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> m = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            m.put(id, mx.getThreadCpuTime(id));
        }
        return m;
    }

    /**
     * Where this JVM's CPU went since {@code before} (from {@link #threadCpu()}), by thread name with numbers
     * folded, largest first: "Jetty 61%, zone loop 20%, ...". What no Java thread accounts for is the JIT
     * compilers and the garbage collector.
     */
    static String threadCpuSince(java.util.Map<Long, Long> before, long processCpuNanos) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        long javaThreads = 0;
        for (var e : threadCpu().entrySet()) {
            var info = mx.getThreadInfo(e.getKey());
            if (info == null || e.getValue() < 0) {
                continue;
            }
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            javaThreads += d;
            byName.merge(info.getThreadName().replaceAll("[0-9]+", "N").replaceAll("@.*", ""), d, Long::sum);
        }
        byName.put("(JIT compilers, GC)", Math.max(0, processCpuNanos - javaThreads));
        long total = Math.max(1, processCpuNanos);
        return byName.entrySet().stream().filter(e -> e.getValue() * 100 / total >= 1)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .map(e -> e.getKey() + " " + e.getValue() * 100 / total + "%")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** CPU time (user + system) this JVM has used, in nanoseconds. */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of a process and every process below it (a PostgreSQL server and its backends), in nanoseconds,
     * from {@code /proc}: live processes' own time plus what their exited children left in {@code cutime}.
     * Assumes the usual 100 clock ticks a second; -1 when {@code root} is unknown.
     */
    static long treeCpuNanos(long root) {
        if (root <= 0) {
            return -1;
        }
        java.util.Map<Long, Long> parent = new java.util.HashMap<>();
        java.util.Map<Long, long[]> times = new java.util.HashMap<>();
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        for (java.io.File f : procs == null ? new java.io.File[0] : procs) {
            try {
                String stat = Files.readString(f.toPath().resolve("stat"));
                String[] x = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(f.getName());
                parent.put(pid, Long.parseLong(x[1]));
                times.put(pid, new long[] {Long.parseLong(x[11]) + Long.parseLong(x[12]),
                        Long.parseLong(x[13]) + Long.parseLong(x[14])});
            } catch (IOException | RuntimeException e) {
                // the process ended while we looked
            }
        }
        long ticks = 0;
        for (var e : times.entrySet()) {
            long p = e.getKey();
            boolean inTree = p == root;
            for (int depth = 0; !inTree && depth < 10 && parent.containsKey(p); depth++) {
                p = parent.get(p);
                inTree = p == root;
            }
            if (inTree) {
                ticks += e.getValue()[0] + e.getValue()[1];
            }
        }
        return ticks * 10_000_000L;
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
