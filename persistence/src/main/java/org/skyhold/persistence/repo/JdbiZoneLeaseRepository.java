package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.ZoneLease;
import org.skyhold.domain.port.ZoneLeaseRepository;

/**
 * Zone leases in the {@code zone_leases} table. Every method is a single statement, so the row lock PostgreSQL
 * takes for it is the only coordination managers need. Time is always the caller's {@code now}, never the
 * database's, so that the callers' clock (and a test's) decides expiry.
 *
 * <p>A released lease keeps its row, with {@code expires_at} moved to the Unix epoch: deleting it would restart
 * the epoch at 1 for the next holder and so break the fencing the epoch exists for.
 */
public final class JdbiZoneLeaseRepository implements ZoneLeaseRepository {
    private static final String ACQUIRE = """
            INSERT INTO zone_leases AS l (zone_id, manager_id, epoch, acquired_at, expires_at)
            VALUES (:zoneId, :managerId, 1, :now, :expiresAt)
            ON CONFLICT (zone_id) DO UPDATE
               SET manager_id = EXCLUDED.manager_id,
                   epoch = CASE WHEN l.manager_id = EXCLUDED.manager_id THEN l.epoch ELSE l.epoch + 1 END,
                   acquired_at = CASE WHEN l.manager_id = EXCLUDED.manager_id THEN l.acquired_at
                                      ELSE EXCLUDED.acquired_at END,
                   expires_at = EXCLUDED.expires_at
             WHERE l.manager_id = EXCLUDED.manager_id OR l.expires_at <= :now
            RETURNING *""";

    private final Jdbi jdbi;

    public JdbiZoneLeaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<ZoneLease> acquire(long zoneId, String managerId, Instant now, Instant expiresAt) {
        return SqlFailures.doing("acquire the lease of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery(ACQUIRE)
                .bind("zoneId", zoneId)
                .bind("managerId", managerId)
                .bind("now", now)
                .bind("expiresAt", expiresAt)
                .map(JdbiZoneLeaseRepository::map).findOne()));
    }

    @Override
    public Optional<ZoneLease> find(long zoneId) {
        return SqlFailures.doing("read the lease of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM zone_leases WHERE zone_id = :zoneId").bind("zoneId", zoneId)
                .map(JdbiZoneLeaseRepository::map).findOne()));
    }

    @Override
    public void release(long zoneId, String managerId) {
        SqlFailures.doing("release the lease of zone " + zoneId).run(() -> jdbi.useHandle(h -> h.createUpdate(
                "UPDATE zone_leases SET expires_at = to_timestamp(0)"
                        + " WHERE zone_id = :zoneId AND manager_id = :managerId")
                .bind("zoneId", zoneId)
                .bind("managerId", managerId)
                .execute()));
    }

    private static ZoneLease map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ZoneLease(rs.getLong("zone_id"), rs.getString("manager_id"), rs.getLong("epoch"),
                Columns.instant(rs, "acquired_at"), Columns.instant(rs, "expires_at"));
    }
}
