package org.skyhold.app.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL's cumulative statistics of one database, read before and after a measured window, to say what the
 * measured work cost the server per unit of work: transactions committed, rows read and written, and per table
 * the scans and writes. The server flushes a busy backend's counters about once a second, so over a 10 s window
 * the figures are close, not exact.
 */
record PgCounters(Map<String, Long> values) {
    static PgCounters read(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            Map<String, Long> v = new LinkedHashMap<>();
            h.createQuery("""
                    SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated
                      FROM pg_stat_database WHERE datname = current_database()""")
                    .map((rs, ctx) -> {
                        for (String c : new String[] {"xact_commit", "xact_rollback", "tup_returned", "tup_fetched",
                                "tup_inserted", "tup_updated"}) {
                            v.put(c, rs.getLong(c));
                        }
                        return 0;
                    }).one();
            h.createQuery("""
                    SELECT relname, seq_scan, COALESCE(idx_scan, 0) AS idx_scan, n_tup_ins, n_tup_upd
                      FROM pg_stat_user_tables""")
                    .map((rs, ctx) -> {
                        String t = rs.getString("relname");
                        v.put(t + ".seq_scan", rs.getLong("seq_scan"));
                        v.put(t + ".idx_scan", rs.getLong("idx_scan"));
                        v.put(t + ".ins", rs.getLong("n_tup_ins"));
                        v.put(t + ".upd", rs.getLong("n_tup_upd"));
                        return 0;
                    }).list();
            return new PgCounters(v);
        });
    }

    /** What grew since {@code before}, divided by {@code units}: "xact_commit 2.01, agents.idx_scan 3.02, ...". */
    String perUnitSince(PgCounters before, long units) {
        double n = Math.max(1, units);
        return values.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.values.getOrDefault(e.getKey(), 0L)) / n))
                .filter(e -> e.getValue() >= 0.01)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
