package org.skyhold.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark in turn and prints the table of results against their targets. Run it with
 * {@code mvn -B -ntp -q -Pbench -DskipTests -pl app -am verify} (see docs/benchmarks.md); each benchmark class
 * also has a main of its own. Exits 0 whether or not the targets are met: the table says which are.
 */
public final class AllBenchmarks {
    /** The benchmarks whose results issue 19 asks for as ratios against references of the same run. */
    static final String RATIOS = "engine,memory,throughput,burst,startup";

    private AllBenchmarks() {
    }

    public static void main(String[] args) {
        Bench.quietLogging();
        long start = System.nanoTime();
        printMachine();
        String asked = System.getProperty("bench.only", "engine,memory,standby,throughput,pages,burst,startup");
        // "ratios": the benchmarks of issue 19's table only (a few minutes instead of the whole suite)
        List<String> only = List.of(asked.replace("ratios", RATIOS).split(","));
        String loadAtStart = Bench.loadAverage();
        List<String> failed = new ArrayList<>();
        run(only, "engine", EngineBenchmark::run, failed);
        run(only, "memory", MemoryBenchmark::run, failed);
        run(only, "standby", StandbyLatencyBenchmark::run, failed);
        run(only, "throughput", PlacementThroughputBenchmark::run, failed);
        run(only, "pages", PagesBenchmark::run, failed);
        run(only, "burst", BurstBenchmark::run, failed);
        run(only, "startup", StartupBenchmark::run, failed);
        printTable();
        printRatios(loadAtStart);
        System.out.printf(Locale.ROOT, "all benchmarks took %d s%n", (System.nanoTime() - start) / 1_000_000_000L);
        failed.forEach(f -> System.out.println("FAILED TO RUN: " + f));
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static void run(List<String> only, String name, Runnable benchmark, List<String> failed) {
        if (!only.contains(name)) {
            return;
        }
        try {
            benchmark.run();
        } catch (RuntimeException | AssertionError e) {
            e.printStackTrace(System.out);
            failed.add(name + ": " + e);
        }
    }

    static void printMachine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "machine: %d cores, %d MiB memory, %s; Java %s (%s); this JVM's max heap %d MiB;"
                        + " load average %s%n", rt.availableProcessors(), totalMemoryMib(), os(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() >> 20,
                Bench.loadAverage());
    }

    static void printTable() {
        System.out.println();
        System.out.println("| Benchmark | Result | Target | Met? |");
        System.out.println("|---|---|---|---|");
        for (Bench.Result r : Bench.results()) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", r.benchmark(), r.result(), r.target(),
                    r.verdict());
        }
        System.out.println();
        for (Bench.Result r : Bench.results()) {
            System.out.println("- " + r.benchmark() + ": " + r.note());
        }
    }

    /**
     * The closing table of issue 19: each measurement against its reference, both taken in this run, as a ratio
     * with its target, and the machine's load over the run (on a shared machine the absolute numbers move 2x).
     */
    static void printRatios(String loadAtStart) {
        List<Bench.Ratio> ratios = Bench.ratios();
        if (ratios.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("| Measure | Measured | Reference (same run) | Ratio | Target | Met? |");
        System.out.println("|---|---|---|---|---|---|");
        for (Bench.Ratio r : ratios) {
            Double ratio = r.ratio();
            Boolean met = r.met();
            System.out.printf(Locale.ROOT, "| %s | %s %s | %s | %s | %s %.1f | %s |%n", r.measure(), number(r.value()),
                    r.unit(), r.reference() == null ? r.referenceName() + ": not measured in this run"
                            : r.referenceName() + " " + number(r.reference()) + " " + r.unit(),
                    ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio), r.atMost() ? "<=" : ">=",
                    r.target(), met == null ? "-" : met ? "yes" : "**no**");
        }
        System.out.printf(Locale.ROOT, "%nload average (1 min): %s at the start, %s at the end; %d cores%n",
                loadAtStart, Bench.loadAverage(), Runtime.getRuntime().availableProcessors());
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static long totalMemoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String os() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.name");
        }
        return System.getProperty("os.name");
    }
}
