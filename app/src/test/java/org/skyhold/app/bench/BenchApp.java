package org.skyhold.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.app.Skyhold;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.app.config.Config;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.db.Database;

/**
 * A real Skyhold for the HTTP benchmarks, started as the quick start starts it: its own embedded PostgreSQL
 * (durable: fsync on, as in production), the executor loop, the simulated cloud, the web server on a free
 * loopback port. Calls go over HTTP/1.1 with an API key ({@code Authorization: Bearer sk_...}); set-up calls
 * use the admin's Basic credentials.
 */
final class BenchApp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_PASSWORD = "benchmark admin password";

    final Skyhold skyhold;
    /** The postmaster of the app's PostgreSQL, whose process tree is charged with its CPU; -1 if unknown. */
    final long postmasterPid;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private Database direct;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String bearer;

    private BenchApp(Skyhold skyhold, long postmasterPid, String jdbcUrl, String dbUser, String dbPassword) {
        this.skyhold = skyhold;
        this.postmasterPid = postmasterPid;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.bearer = "Bearer " + admin("POST", "/api/v1/api-keys", Map.of("name", "bench", "scope", "admin")).get("key").asText();
    }

    /**
     * Starts the app on its own durable embedded PostgreSQL, or with {@code -Dbench.database=test} on a database of
     * the tests' PostgreSQL (fsync off), to see what the commits' flushes cost.
     */
    static BenchApp start() {
        Path dir;
        try {
            // enterable by the unprivileged user the embedded PostgreSQL runs as under root
            dir = Files.createTempDirectory("skyhold-bench-data",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("SKYHOLD_PORT", "0");
        env.put("SKYHOLD_BIND", "127.0.0.1");
        env.put("SKYHOLD_DATA_DIR", dir.toString());
        env.put("SKYHOLD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        if ("test".equals(System.getProperty("bench.database"))) {
            env.put("SKYHOLD_DATABASE_URL", TestDatabase.newDatabaseUrl());
            env.put("SKYHOLD_DATABASE_USER", TestDatabase.server().user());
            env.put("SKYHOLD_DATABASE_PASSWORD", TestDatabase.server().password());
            Skyhold s = Skyhold.start(Config.fromEnvironment(env), System.currentTimeMillis());
            return new BenchApp(s, Bench.postmasterOnPort(TestDatabase.server().port()),
                    env.get("SKYHOLD_DATABASE_URL"), env.get("SKYHOLD_DATABASE_USER"),
                    env.get("SKYHOLD_DATABASE_PASSWORD"));
        }
        Skyhold s = Skyhold.start(Config.fromEnvironment(env), System.currentTimeMillis());
        try {
            // the embedded server's port and password, as it wrote them in the data folder
            Path pg = dir.resolve("pg");
            List<String> pid = Files.readAllLines(pg.resolve("cluster").resolve("postmaster.pid"));
            return new BenchApp(s, Long.parseLong(pid.get(0).trim()),
                    "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/skyhold", "postgres",
                    Files.readString(pg.resolve("password")).trim());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new IllegalStateException("could not find the embedded database's address: " + e, e);
        }
    }

    /** A connection of our own to the app's database, to check what the app wrote without its code. */
    synchronized Jdbi db() {
        if (direct == null) {
            direct = Database.connect(jdbcUrl, dbUser, dbPassword, 2);
        }
        return direct.jdbi();
    }

    /**
     * The single-row UPDATE rate of the app's PostgreSQL with {@code connections} connections of the benchmark's
     * own (see {@link UpdateRateReference}).
     */
    UpdateRateReference.Rate updateRate(int connections, long warmupMillis, long windowMillis) {
        return UpdateRateReference.measure(jdbcUrl, dbUser, dbPassword, connections, warmupMillis, windowMillis);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + skyhold.port() + path);
    }

    /** A set-up call as the admin; fails unless it answers 2xx. */
    JsonNode admin(String method, String path, Object body) {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = send(request(method, path, body).header("Authorization", basic).build());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call with the API key, as a platform makes it. */
    HttpResponse<String> api(String method, String path, Object body) {
        return send(request(method, path, body).header("Authorization", bearer).build());
    }

    /** A set-up call with the API key; fails unless it answers 2xx. */
    JsonNode apiOk(String method, String path, Object body) {
        HttpResponse<String> r = api(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : parse(r);
    }

    private HttpRequest.Builder request(String method, String path, Object body) {
        try {
            return HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (direct != null) {
            direct.close();
        }
        skyhold.close();
    }
}
