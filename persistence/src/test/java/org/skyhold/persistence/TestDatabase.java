package org.skyhold.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.skyhold.persistence.db.Database;
import org.skyhold.persistence.db.EmbeddedPostgres;
import org.skyhold.persistence.db.SchemaMigrator;

/**
 * One real PostgreSQL per test JVM (started on first use, stopped at exit), with the schema applied by the real
 * changelog. Tests either share the {@code skyhold} database and call {@link #clean()} before each test, or ask
 * for a fresh database of their own with {@link #newDatabaseUrl()} (for tests that start a whole app).
 */
public final class TestDatabase {
    private static EmbeddedPostgres server;
    private static Database shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("skyhold-test-pg");
                server = EmbeddedPostgres.start(dir, false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            EmbeddedPostgres s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-postgres-stop"));
        }
        return server;
    }

    /** The shared, migrated database. */
    public static synchronized Database shared() {
        if (shared == null) {
            EmbeddedPostgres s = server();
            shared = Database.connect(s.jdbcUrl(), s.user(), s.password(), 20);
            SchemaMigrator.migrate(shared.dataSource());
        }
        return shared;
    }

    /** Empties every table of the shared database (the Liquibase bookkeeping stays). */
    public static void clean() {
        shared().jdbi().useHandle(h -> h.execute("""
                TRUNCATE web_sessions, events, sessions, staging_configs, images, agents, zone_leases, vm_provider_configs, zones,
                         dns_provider_configs, api_keys, users, installation RESTART IDENTITY CASCADE"""));
    }

    /** Creates an empty database on the test server and returns its JDBC URL. */
    public static String newDatabaseUrl() {
        EmbeddedPostgres s = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("postgres"), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return s.jdbcUrl(name);
    }
}
