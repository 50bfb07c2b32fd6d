package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.StagingConfig;

/** Stores staging configs. Blocking; failures throw {@link RepositoryException}. */
public interface StagingConfigRepository {
    /** Stores a new config; {@link DuplicateNameException} when the zone already stages that image. */
    StagingConfig create(long zoneId, long imageId, int numSessions, int expirationHours);

    /** The config, or empty. */
    Optional<StagingConfig> find(long id);

    /** The zone's configs by id. */
    List<StagingConfig> listByZone(long zoneId);

    /** Replaces image, count and expiration; empty when missing. */
    Optional<StagingConfig> update(long id, long imageId, int numSessions, int expirationHours);

    /** Deletes it; false when missing. */
    boolean delete(long id);
}
