package org.skyhold.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.app.config.Config;
import org.skyhold.persistence.TestDatabase;

/** Starts the real Skyhold for a test, on a free port, and talks HTTP to it. */
public final class TestApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    public final Skyhold skyhold;
    public final Path dataDir;
    private String sessionCookie;

    private TestApp(Skyhold skyhold, Path dataDir) {
        this.skyhold = skyhold;
        this.dataDir = dataDir;
    }

    /** The environment of a test instance on its own empty database of the shared test PostgreSQL. */
    public static Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("SKYHOLD_PORT", "0");
        env.put("SKYHOLD_BIND", "127.0.0.1");
        env.put("SKYHOLD_DATA_DIR", dataDir.toString());
        env.put("SKYHOLD_DATABASE_URL", TestDatabase.newDatabaseUrl());
        env.put("SKYHOLD_DATABASE_USER", TestDatabase.server().user());
        env.put("SKYHOLD_DATABASE_PASSWORD", TestDatabase.server().password());
        env.put("SKYHOLD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    public static Path newDataDir() {
        try {
            // like ./data of the quick start: enterable by the unprivileged user PostgreSQL runs as under root
            return Files.createTempDirectory("skyhold-test-data",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps an app a test started itself (with its own clock, say). */
    public static TestApp wrap(Skyhold skyhold, Map<String, String> env) {
        return new TestApp(skyhold, Path.of(env.get("SKYHOLD_DATA_DIR")));
    }

    public static TestApp start(Map<String, String> env) {
        return new TestApp(Skyhold.start(Config.fromEnvironment(env), System.currentTimeMillis()),
                Path.of(env.get("SKYHOLD_DATA_DIR")));
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + skyhold.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET().build());
    }

    /**
     * GET as the admin: over HTTP Basic for the JSON API and the metrics, with a signed-in session's cookie for
     * pages (which take no other credential).
     */
    public HttpResponse<String> getAsAdmin(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).GET();
        if (path.startsWith("/api/") || path.startsWith("/metrics")) {
            b.header("Authorization", basicAdmin());
        } else {
            b.header("Cookie", sessionCookie());
        }
        return send(b.build());
    }

    /** The cookie of a session this test app signed the admin into through the sign-in form (once). */
    public synchronized String sessionCookie() {
        if (sessionCookie == null) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                            + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)
                            + "&next=/")).build());
            sessionCookie = r.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("skyhold_session=")).map(c -> c.substring(0, c.indexOf(';')))
                    .findFirst().orElseThrow(() -> new IllegalStateException("sign-in failed: " + r.statusCode()));
        }
        return sessionCookie;
    }

    public static String basicAdmin() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        skyhold.close();
    }
}
