package org.skyhold.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.engine.RecoveryTimes;
import org.skyhold.domain.model.Secret;

/**
 * Skyhold's start-up settings, read from environment variables (README lists each with its default).
 * A value that cannot be used stops start-up with a {@link ConfigException} naming the variable.
 *
 * @param port 0 picks a free port (for tests)
 * @param databaseUrl null: start the embedded PostgreSQL under {@code dataDir/pg}
 * @param publicUrl null: {@code http://localhost:PORT} (or the bind address, when one is set) once the port is known
 * @param trustedProxies peers whose {@code X-Forwarded-For} names the client (empty: trust no header)
 * @param tls null: plain HTTP; else Skyhold serves HTTPS itself with this certificate and key
 * @param httpRedirectPort 0: none; else a plain-HTTP port that only redirects to HTTPS (needs {@code tls})
 * @param eventRetentionDays how many days of events are kept (older ones are pruned daily)
 * @param failpoints the failpoints a test build armed (none in production)
 * @param recovery how long recovery waits before treating a row, VM or record as a crash's leftover
 */
public record Config(
        int port,
        String bind,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        Secret databasePassword,
        Secret adminPassword,
        Secret masterKey,
        String managerId,
        URI publicUrl,
        List<Cidr> trustedProxies,
        Tls tls,
        int httpRedirectPort,
        int eventRetentionDays,
        FailpointSettings failpoints,
        RecoveryTimes recovery) {

    /** The PEM files of the certificate chain and private key Skyhold serves HTTPS with. */
    public record Tls(Path certFile, Path keyFile) {
    }

    public static Config fromEnvironment(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        return new Config(
                r.integer("SKYHOLD_PORT", 8080, 0, 65535),
                r.string("SKYHOLD_BIND", "0.0.0.0"),
                Path.of(r.string("SKYHOLD_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                r.jdbcUrl("SKYHOLD_DATABASE_URL"),
                r.string("SKYHOLD_DATABASE_USER", null),
                r.secret("SKYHOLD_DATABASE_PASSWORD"),
                r.secret("SKYHOLD_ADMIN_PASSWORD"),
                r.secret("SKYHOLD_MASTER_KEY"),
                r.string("SKYHOLD_MANAGER_ID", defaultManagerId()),
                r.httpUrl("SKYHOLD_PUBLIC_URL"),
                r.cidrs("SKYHOLD_TRUSTED_PROXIES"),
                tls(r),
                r.integer("SKYHOLD_HTTP_REDIRECT_PORT", 0, 0, 65535),
                r.integer("SKYHOLD_EVENT_RETENTION_DAYS", 90, 1, 36_500),
                FailpointSettings.read(r),
                recovery(r));
    }

    /** Recovery's waits; shortened only by tests (README's table says so). */
    private static RecoveryTimes recovery(EnvReader r) {
        RecoveryTimes d = RecoveryTimes.DEFAULT;
        return new RecoveryTimes(
                Duration.ofSeconds(r.integer("SKYHOLD_PENDING_GRACE_SECONDS", (int) d.pendingGrace().toSeconds(), 1,
                        86_400)),
                Duration.ofSeconds(r.integer("SKYHOLD_SWEEP_INTERVAL_SECONDS", (int) d.sweepEvery().toSeconds(), 1,
                        86_400)),
                Duration.ofSeconds(r.integer("SKYHOLD_SWEEP_GRACE_SECONDS", (int) d.sweepGrace().toSeconds(), 1,
                        604_800)));
    }

    private static Tls tls(EnvReader r) {
        Path cert = r.readableFile("SKYHOLD_TLS_CERT_FILE");
        Path key = r.readableFile("SKYHOLD_TLS_KEY_FILE");
        if ((cert == null) != (key == null)) {
            throw new ConfigException(cert == null ? "SKYHOLD_TLS_CERT_FILE" : "SKYHOLD_TLS_KEY_FILE",
                    "must be set together with " + (cert == null ? "SKYHOLD_TLS_KEY_FILE" : "SKYHOLD_TLS_CERT_FILE"));
        }
        return cert == null ? null : new Tls(cert, key);
    }

    /** Checks what only makes sense together; called once the whole configuration is read. */
    public Config {
        trustedProxies = List.copyOf(trustedProxies);
        if (httpRedirectPort != 0 && tls == null) {
            throw new ConfigException("SKYHOLD_HTTP_REDIRECT_PORT",
                    "redirects to HTTPS, so it needs SKYHOLD_TLS_CERT_FILE and SKYHOLD_TLS_KEY_FILE");
        }
    }

    public boolean embeddedDatabase() {
        return databaseUrl == null;
    }

    /** The address agents and browsers reach this server at, given the port it listens on. */
    public URI publicUrl(int actualPort) {
        if (publicUrl != null) {
            return publicUrl;
        }
        boolean everywhere = "0.0.0.0".equals(bind) || "::".equals(bind);
        return URI.create((tls == null ? "http" : "https") + "://" + (everywhere ? "localhost" : bind) + ":"
                + actualPort);
    }

    private static String defaultManagerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
