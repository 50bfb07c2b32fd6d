package org.skyhold.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.skyhold.domain.model.Secret;

/**
 * Skyhold's start-up settings, read from environment variables (README lists each with its default).
 * A value that cannot be used stops start-up with a {@link ConfigException} naming the variable.
 *
 * @param port 0 picks a free port (for tests)
 * @param databaseUrl null: start the embedded PostgreSQL under {@code dataDir/pg}
 * @param publicUrl null: {@code http://localhost:PORT} (or the bind address, when one is set) once the port is known
 * @param eventRetentionDays how many days of events are kept (older ones are pruned daily)
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
        int eventRetentionDays) {

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
                r.integer("SKYHOLD_EVENT_RETENTION_DAYS", 90, 1, 36_500));
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
        return URI.create("http://" + (everywhere ? "localhost" : bind) + ":" + actualPort);
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
