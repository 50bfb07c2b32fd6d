package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.CapacitySample;
import org.skyhold.domain.port.CapacityHistoryRepository;

/**
 * The capacity history in the {@code capacity_samples} table. Time is always the caller's, never the database's,
 * so a test's clock decides what "the last six hours" holds.
 */
public final class JdbiCapacityHistoryRepository implements CapacityHistoryRepository {
    private final Jdbi jdbi;

    public JdbiCapacityHistoryRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(long zoneId, Instant at, Capacity free, Capacity target) {
        // INSERT ... SELECT from zones: a zone deleted while its last pass ran stores nothing instead of failing
        SqlFailures.doing("record the capacity of zone " + zoneId).run(() -> jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO capacity_samples (zone_id, at, free_cores, free_gpus, free_memory_mb,
                                              target_cores, target_gpus, target_memory_mb)
                SELECT id, :at, :freeCores, :freeGpus, :freeMemoryMb, :targetCores, :targetGpus, :targetMemoryMb
                  FROM zones WHERE id = :zoneId
                ON CONFLICT (zone_id, at) DO NOTHING""")
                .bind("zoneId", zoneId)
                .bind("at", at)
                .bind("freeCores", free.cores())
                .bind("freeGpus", free.gpus())
                .bind("freeMemoryMb", free.memoryMb())
                .bind("targetCores", target.cores())
                .bind("targetGpus", target.gpus())
                .bind("targetMemoryMb", target.memoryMb())
                .execute()));
    }

    @Override
    public List<CapacitySample> since(long zoneId, Instant from) {
        return SqlFailures.doing("read the capacity history of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM capacity_samples WHERE zone_id = :zoneId AND at >= :from ORDER BY at")
                .bind("zoneId", zoneId)
                .bind("from", from)
                .map(JdbiCapacityHistoryRepository::map).list()));
    }

    @Override
    public int pruneBefore(Instant at) {
        return SqlFailures.doing("prune the capacity history").call(() -> jdbi.withHandle(h -> h
                .createUpdate("DELETE FROM capacity_samples WHERE at < :at").bind("at", at).execute()));
    }

    private static CapacitySample map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CapacitySample(Columns.instant(rs, "at"),
                new Capacity(rs.getLong("free_cores"), rs.getLong("free_gpus"), rs.getLong("free_memory_mb")),
                new Capacity(rs.getLong("target_cores"), rs.getLong("target_gpus"), rs.getLong("target_memory_mb")));
    }
}
