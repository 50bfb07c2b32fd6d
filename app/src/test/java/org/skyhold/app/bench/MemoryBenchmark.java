package org.skyhold.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.skyhold.domain.model.Capacity;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.db.Database;
import org.skyhold.persistence.db.SchemaMigrator;

/**
 * Benchmark 5: resident memory of the real {@code skyhold.jar} managing a zone of 10,000 running agents with
 * 100,000 open sessions (the same shape as {@link EngineBenchmark}), on an external database of the test
 * PostgreSQL. The jar runs as its own process, once with the JVM's default heap and once with {@code -Xmx256m};
 * after it answers {@code /healthz} it runs its loop for {@value #RUN_SECONDS} s (a pass every 2 s, so about 15
 * passes over the 10,000 agents, and a plan requested over the API now and then) while {@code VmRSS} is read
 * from {@code /proc/PID/status} every half second.
 */
public final class MemoryBenchmark {
    static final int RUN_SECONDS = 30;

    private MemoryBenchmark() {
    }

    public static void main(String[] args) {
        Bench.quietLogging();
        run();
        AllBenchmarks.printTable();
        System.exit(0);
    }

    static void run() {
        Bench.section("5. Resident memory of skyhold.jar with 10,000 agents");
        Path jar = jar();
        String url = TestDatabase.newDatabaseUrl();
        String user = TestDatabase.server().user();
        String password = TestDatabase.server().password();
        long zone;
        try (Database db = Database.connect(url, user, password, 2)) {
            SchemaMigrator.migrate(db.dataSource());
            zone = BenchData.zoneAtScale(db.jdbi(), "bench-memory", EngineBenchmark.AGENTS, EngineBenchmark.SESSIONS,
                    new Capacity(16, 0, 65_536), new Capacity(1, 0, 4096), 1000, Instant.now()).zoneId();
            BenchData.analyze(db.jdbi());
        }
        // both runs manage the same database, which remembers the first one's master key: they share one
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = HexFormat.of().formatHex(key);
        for (List<String> flags : List.of(List.<String>of(), List.of("-Xmx256m"))) {
            long[] rss = measure(jar, flags, url, user, password, zone, masterKey);
            String label = flags.isEmpty() ? "default heap" : String.join(" ", flags);
            Bench.record(new Bench.Result("5. RSS of skyhold.jar, 10k agents (" + label + ")",
                    String.format(Locale.ROOT, "max %d MiB (last %d MiB)", rss[0] >> 10, rss[1] >> 10),
                    "<= 512 MB", rss[0] * 1024 <= 512L * 1000 * 1000,
                    "java " + String.join(" ", flags) + " -jar skyhold.jar; max VmRSS " + rss[0] + " kB over "
                            + RUN_SECONDS + " s of running after start-up, last " + rss[1] + " kB; " + rss[2]
                            + " plans answered"));
            if (flags.isEmpty()) {
                Bench.ratio(new Bench.Ratio("RSS of skyhold.jar, 10k agents, every cloud SDK, default heap",
                        rss[0] / 1024.0, "512 MB", 512e6 / (1 << 20), "MiB", 1.0, true));
            }
        }
    }

    /** @return max VmRSS in KiB, the last VmRSS, and how many plan requests answered 200 */
    private static long[] measure(Path jar, List<String> flags, String url, String user, String password,
                                  long zone, String masterKey) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(flags);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        Path data;
        try {
            data = Files.createTempDirectory("skyhold-bench-memory",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pb.environment().put("SKYHOLD_PORT", Integer.toString(port));
        pb.environment().put("SKYHOLD_BIND", "127.0.0.1");
        pb.environment().put("SKYHOLD_DATA_DIR", data.toString());
        pb.environment().put("SKYHOLD_DATABASE_URL", url);
        pb.environment().put("SKYHOLD_DATABASE_USER", user);
        pb.environment().put("SKYHOLD_DATABASE_PASSWORD", password);
        pb.environment().put("SKYHOLD_ADMIN_PASSWORD", "benchmark admin password");
        pb.environment().put("SKYHOLD_MANAGER_ID", "bench-memory");
        pb.environment().put("SKYHOLD_MASTER_KEY", masterKey);
        pb.redirectErrorStream(true).redirectOutput(data.resolve("skyhold.log").toFile());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "admin:benchmark admin password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (status(http, port, "/healthz", null) != 200) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("skyhold.jar did not start; see " + data.resolve("skyhold.log"));
                }
                Bench.sleep(200);
            }
            long max = 0;
            long last = 0;
            long plans = 0;
            long end = System.nanoTime() + Duration.ofSeconds(RUN_SECONDS).toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                if (i++ % 10 == 5 && status(http, port, "/api/v1/zones/" + zone + "/plan", basic) == 200) {
                    plans++;
                }
                last = Bench.rssKib(p.pid());
                max = Math.max(max, last);
                Bench.sleep(500);
            }
            System.out.printf(Locale.ROOT, "  java %s -jar skyhold.jar (pid %d): VmRSS max %d kB, last %d kB; "
                    + "log in %s%n", String.join(" ", flags), p.pid(), max, last, data.resolve("skyhold.log"));
            return new long[] {max, last, plans};
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

    private static int status(HttpClient http, int port, String path, String authorization) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10));
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The packaged {@code skyhold.jar} the bench profile built (benchmarks 5 and 8 run it as operators do). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("bench.jar", "target/skyhold.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build it with the bench profile's "
                    + "command, which packages the app before it runs the benchmarks");
        }
        return jar;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
