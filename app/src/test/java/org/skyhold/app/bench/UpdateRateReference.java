package org.skyhold.app.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference placement is measured against: pgbench's idea of a simple write transaction, on the same
 * PostgreSQL and with as many connections as the placement benchmark has clients. Each of {@code connections}
 * threads holds a JDBC connection of its own (autocommit, the same driver the app uses) and runs
 * {@code UPDATE bench_counter SET n = n + 1 WHERE id = ?} on a random row of a {@value #ROWS}-row table as fast as
 * the server answers, for a warm-up and then a counted window. Each statement is one transaction, so each costs a
 * round trip, a row lock and a commit flush: the least work a placement (which must update one agent's row and
 * commit) could cost, so the ratio says how much of the database's pace the app's request path keeps.
 */
final class UpdateRateReference {
    static final int ROWS = 1_000;

    /** Transactions counted in the window, and their rate. */
    record Rate(long transactions, double perSecond, long windowMillis, int connections) {
        String describe() {
            return String.format(Locale.ROOT, "%.0f single-row UPDATE transactions/s (%d in %d s, %d connections)",
                    perSecond, transactions, windowMillis / 1000, connections);
        }
    }

    private UpdateRateReference() {
    }

    /**
     * Creates (or resets) {@code bench_counter} and measures the rate.
     *
     * @throws IllegalStateException when a connection fails
     */
    static Rate measure(String jdbcUrl, String user, String password, int connections, long warmupMillis,
                        long windowMillis) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_counter (id integer PRIMARY KEY, n bigint NOT NULL)");
            s.execute("TRUNCATE bench_counter");
            s.execute("INSERT INTO bench_counter SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE bench_counter");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare bench_counter: " + e.getMessage(), e);
        }
        long start = System.nanoTime() + 200_000_000L;
        long from = start + warmupMillis * 1_000_000L;
        long to = from + windowMillis * 1_000_000L;
        AtomicLong counted = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                     PreparedStatement u = c.prepareStatement("UPDATE bench_counter SET n = n + 1 WHERE id = ?")) {
                    c.setAutoCommit(true);
                    long mine = 0;
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= to) {
                            break;
                        }
                        u.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
                        if (u.executeUpdate() != 1) {
                            throw new IllegalStateException("bench_counter lost a row");
                        }
                        // a transaction counts when it both started and ended in the window, as a placement does
                        if (t0 >= from && System.nanoTime() <= to) {
                            mine++;
                        }
                    }
                    counted.addAndGet(mine);
                } catch (SQLException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-update-" + i);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the UPDATE reference failed: " + failures.get(0), failures.get(0));
        }
        return new Rate(counted.get(), counted.get() / (windowMillis / 1000.0), windowMillis, connections);
    }
}
