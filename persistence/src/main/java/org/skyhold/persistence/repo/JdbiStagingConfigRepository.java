package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.port.StagingConfigRepository;

/** Staging configs in the {@code staging_configs} table; {@code expiration} holds whole hours. */
public final class JdbiStagingConfigRepository implements StagingConfigRepository {
    private final Jdbi jdbi;

    public JdbiStagingConfigRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public StagingConfig create(long zoneId, long imageId, int numSessions, int expirationHours) {
        return writing("create staging config", imageId).call(() -> jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO staging_configs (zone_id, image_id, num_sessions, expiration)
                VALUES (:zoneId, :imageId, :numSessions, :expiration)""")
                .bind("zoneId", zoneId)
                .bind("imageId", imageId)
                .bind("numSessions", numSessions)
                .bind("expiration", expirationHours)
                .executeAndReturnGeneratedKeys().map(JdbiStagingConfigRepository::map).one()));
    }

    @Override
    public Optional<StagingConfig> find(long id) {
        return SqlFailures.doing("read staging config " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM staging_configs WHERE id = :id").bind("id", id)
                .map(JdbiStagingConfigRepository::map).findOne()));
    }

    @Override
    public List<StagingConfig> listByZone(long zoneId) {
        return SqlFailures.doing("list the staging configs of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM staging_configs WHERE zone_id = :zoneId ORDER BY id")
                .bind("zoneId", zoneId).map(JdbiStagingConfigRepository::map).list()));
    }

    @Override
    public Optional<StagingConfig> update(long id, long imageId, int numSessions, int expirationHours) {
        return writing("update staging config " + id, imageId).call(() -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE staging_configs
                   SET image_id = :imageId, num_sessions = :numSessions, expiration = :expiration,
                       updated_at = now()
                 WHERE id = :id""")
                .bind("id", id)
                .bind("imageId", imageId)
                .bind("numSessions", numSessions)
                .bind("expiration", expirationHours)
                .executeAndReturnGeneratedKeys().map(JdbiStagingConfigRepository::map).findOne()));
    }

    @Override
    public boolean delete(long id) {
        return SqlFailures.doing("delete staging config " + id).call(() -> jdbi.withHandle(h -> h
                .createUpdate("DELETE FROM staging_configs WHERE id = :id").bind("id", id).execute() > 0));
    }

    private static SqlFailures writing(String doing, long imageId) {
        return SqlFailures.doing(doing).duplicate("staging_configs_zone_id_image_id_key", "image_id",
                "the zone already stages image " + imageId);
    }

    private static StagingConfig map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StagingConfig(rs.getLong("id"), rs.getLong("zone_id"), rs.getLong("image_id"),
                rs.getInt("num_sessions"), rs.getInt("expiration"));
    }
}
