package org.skyhold.domain.testkit;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.StagingConfigRepository;

/** {@link StagingConfigRepository} in memory: one config per zone and image. */
public final class InMemoryStagingConfigRepository implements StagingConfigRepository {
    private final InMemoryDatabase db;
    private final Map<Long, StagingConfig> rows = new HashMap<>();

    InMemoryStagingConfigRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public StagingConfig create(long zoneId, long imageId, int numSessions, int expirationHours) {
        synchronized (db.lock) {
            checkUnique(zoneId, imageId, null);
            StagingConfig c = new StagingConfig(db.nextId(), zoneId, imageId, numSessions, expirationHours);
            rows.put(c.id(), c);
            return c;
        }
    }

    @Override
    public Optional<StagingConfig> find(long id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Override
    public List<StagingConfig> listByZone(long zoneId) {
        synchronized (db.lock) {
            return rows.values().stream().filter(c -> c.zoneId() == zoneId)
                    .sorted(Comparator.comparingLong(StagingConfig::id)).toList();
        }
    }

    @Override
    public Optional<StagingConfig> update(long id, long imageId, int numSessions, int expirationHours) {
        synchronized (db.lock) {
            StagingConfig old = rows.get(id);
            if (old == null) {
                return Optional.empty();
            }
            checkUnique(old.zoneId(), imageId, id);
            StagingConfig c = new StagingConfig(id, old.zoneId(), imageId, numSessions, expirationHours);
            rows.put(id, c);
            return Optional.of(c);
        }
    }

    @Override
    public boolean delete(long id) {
        synchronized (db.lock) {
            return rows.remove(id) != null;
        }
    }

    boolean stagesImage(long imageId) {
        return rows.values().stream().anyMatch(c -> c.imageId() == imageId);
    }

    void deleteZone(long zoneId) {
        rows.values().removeIf(c -> c.zoneId() == zoneId);
    }

    private void checkUnique(long zoneId, long imageId, Long self) {
        if (rows.values().stream().anyMatch(c -> c.zoneId() == zoneId && c.imageId() == imageId
                && (self == null || c.id() != self))) {
            throw new DuplicateNameException("image_id", "the zone already stages image " + imageId);
        }
    }
}
