package org.skyhold.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose cluster lives in a folder of ours and survives
 * restarts. Only loopback TCP, password authentication with a random password kept in {@code password}
 * (mode 0600) beside the cluster. A postmaster left running by a previous process that was killed with
 * {@code kill -9} is found through {@code postmaster.pid} and stopped before the new start.
 *
 * <p>PostgreSQL refuses to run as root; when Skyhold runs as root the server runs as {@code nobody} through
 * {@code setpriv}, and the folder is handed to that user.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String DATABASE = "skyhold";
    private static final String SUPERUSER = "postgres";
    private static final int NOBODY = 65534;

    private final Path folder;
    private final PostgresProcess process;
    private final String password;
    private final int port;
    private boolean stopped;

    private EmbeddedPostgres(Path folder, PostgresProcess process, String password, int port) {
        this.folder = folder;
        this.process = process;
        this.password = password;
        this.port = port;
    }

    /**
     * Starts the server on the cluster in {@code folder}, creating the cluster on first use.
     *
     * @param durable false turns off fsync and friends: for tests, where a lost write does not matter
     * @throws IllegalStateException with a one-line reason when the server cannot start
     */
    public static EmbeddedPostgres start(Path folder, boolean durable) {
        try {
            Path dir = folder.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            boolean root = runsAsRoot();
            if (root) {
                requireReachableByOthers(dir);
            }
            PostgresProcess process = new PostgresProcess(PostgresBinaries.unpacked(), root ? NOBODY : -1);
            Path cluster = dir.resolve("cluster");
            Path passwordFile = dir.resolve("password");
            process.handOver(dir);
            stopOrphan(process, cluster);
            String password;
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                password = newPassword();
                initCluster(process, dir, cluster, password, durable);
                writePrivate(passwordFile, password);
            } else {
                password = Files.readString(passwordFile).trim();
            }
            int port = startServer(process, dir, cluster);
            EmbeddedPostgres pg = new EmbeddedPostgres(dir, process, password, port);
            pg.createDatabaseIfMissing();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A JDBC URL of another database on this server (for tests that want one database each). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    /** The superuser password; handed to the connection pool only, never logged. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: open transactions are rolled back). Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        process.run("pg_ctl", "-D", folder.resolve("cluster").toString(), "-m", "fast", "-w", "-t", "30", "stop");
        LOG.info("embedded PostgreSQL stopped");
    }

    private static boolean runsAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The server runs as nobody, which must be able to walk down to its folder. */
    private static void requireReachableByOthers(Path dir) throws IOException {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL may not run as root, so it runs as nobody, which cannot "
                        + "enter " + p + " (mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        + "); choose a folder outside it, or run Skyhold as a normal user");
            }
        }
    }

    private static void initCluster(PostgresProcess process, Path dir, Path cluster, String password, boolean durable)
            throws IOException {
        PostgresBinaries.deleteRecursively(cluster);
        Path pwfile = dir.resolve("initdb-password");
        Files.writeString(pwfile, password);
        process.handOver(pwfile);
        try {
            process.run("initdb", "-D", cluster.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale=C");
        } finally {
            Files.deleteIfExists(pwfile);
        }
        List<String> conf = new ArrayList<>(List.of(
                "", "# written by Skyhold",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "max_connections = 200",
                "timezone = 'UTC'"));
        if (!durable) {
            conf.addAll(List.of("fsync = off", "synchronous_commit = off", "full_page_writes = off"));
        }
        Files.write(cluster.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        LOG.info("embedded PostgreSQL cluster created in {}", cluster);
    }

    private static int startServer(PostgresProcess process, Path dir, Path cluster) throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                process.run("pg_ctl", "-D", cluster.toString(), "-l", dir.resolve("server.log").toString(),
                        "-o", "-p " + port, "-w", "-t", "60", "start");
                return port;
            } catch (IllegalStateException e) {
                last = e; // most likely the port was taken between choosing and binding it
            }
        }
        throw new IllegalStateException(last.getMessage() + " (see " + dir.resolve("server.log") + ")");
    }

    /** A postmaster whose working folder is our cluster was left by a process that died without stopping it. */
    private static void stopOrphan(PostgresProcess process, Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<String> first = Files.readAllLines(pidFile).stream().findFirst();
        if (first.isEmpty() || !first.get().trim().matches("\\d+")) {
            return;
        }
        Path cwd = Path.of("/proc", first.get().trim(), "cwd");
        try {
            if (Files.exists(cwd) && cwd.toRealPath().equals(cluster.toRealPath(LinkOption.NOFOLLOW_LINKS))) {
                LOG.warn("stopping a PostgreSQL left running by an earlier Skyhold (pid {})", first.get().trim());
                process.run("pg_ctl", "-D", cluster.toString(), "-m", "fast", "-w", "-t", "30", "stop");
            }
        } catch (IOException e) {
            // the process ended while we looked: nothing left to stop
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL started but refused a connection: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
