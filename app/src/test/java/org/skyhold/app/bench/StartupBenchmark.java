package org.skyhold.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 8: start-to-ready of the real {@code skyhold.jar} as an operator first starts it: an empty data
 * folder, so the embedded PostgreSQL is unpacked (if this machine has not unpacked it before), its cluster created
 * and started, the schema migrated, the admin created and the web server opened. Measured from launching
 * {@code java -jar} to the log line {@code Skyhold ready on}, which is written once the server answers.
 */
public final class StartupBenchmark {
    /** Issue 19's bound on start-to-ready. */
    static final double TARGET_SECONDS = 10;

    private StartupBenchmark() {
    }

    public static void main(String[] args) {
        Bench.quietLogging();
        run();
        AllBenchmarks.printTable();
        System.exit(0);
    }

    static void run() {
        Bench.section("8. Start-to-ready of skyhold.jar on an empty data folder");
        Path jar = MemoryBenchmark.jar();
        double seconds = startOnce(jar);
        System.out.printf(Locale.ROOT, "  java -jar %s: ready after %.2f s; jar %d MiB; load average %s%n",
                jar.getFileName(), seconds, size(jar) >> 20, Bench.loadAverage());
        Bench.record(new Bench.Result("8. Start-to-ready of skyhold.jar (empty data folder)",
                String.format(Locale.ROOT, "%.2f s", seconds), "<= 10 s", seconds <= TARGET_SECONDS,
                "from java -jar to the 'Skyhold ready on' line; jar " + (size(jar) >> 20) + " MiB"));
        Bench.ratio(new Bench.Ratio("Start-to-ready of skyhold.jar", seconds, "the 10 s allowed", TARGET_SECONDS,
                "s", 1.0, true));
    }

    private static double startOnce(Path jar) {
        Path data;
        try {
            data = Files.createTempDirectory("skyhold-bench-start",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString())).redirectErrorStream(true);
        pb.environment().put("SKYHOLD_PORT", "0");
        pb.environment().put("SKYHOLD_BIND", "127.0.0.1");
        pb.environment().put("SKYHOLD_DATA_DIR", data.toString());
        pb.environment().put("SKYHOLD_ADMIN_PASSWORD", "benchmark admin password");
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("Skyhold ready on")) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            }
            throw new IllegalStateException("skyhold.jar ended without getting ready (exit " + p.waitFor() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            return -1;
        }
    }
}
