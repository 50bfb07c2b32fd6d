package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.VmProviderConfigRepository;

/**
 * {@link VmProviderConfigRepository} in memory: a name unique per zone, priority order, health cleared by a settings
 * change, the agent size fenced by the settings' time, and a delete that leaves its agents without a provider (the
 * {@code ON DELETE SET NULL} of the Postgres schema). Secrets are kept as given (nothing here is at rest).
 */
public final class InMemoryVmProviderConfigRepository implements VmProviderConfigRepository {
    private final InMemoryDatabase db;
    private final Map<Long, VmProviderConfig> rows = new HashMap<>();

    InMemoryVmProviderConfigRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public VmProviderConfig create(long zoneId, VmProviderSettings settings) {
        synchronized (db.lock) {
            checkName(zoneId, settings, null);
            Instant now = db.clock.instant();
            VmProviderConfig c = new VmProviderConfig(db.nextId(), zoneId, settings, ProviderHealth.HEALTHY, now, now);
            rows.put(c.id(), c);
            return c;
        }
    }

    @Override
    public Optional<VmProviderConfig> find(long id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Override
    public List<VmProviderConfig> listByZone(long zoneId) {
        synchronized (db.lock) {
            return rows.values().stream().filter(c -> c.zoneId() == zoneId)
                    .sorted(Comparator.comparingInt((VmProviderConfig c) -> c.settings().priority())
                            .thenComparingLong(VmProviderConfig::id))
                    .toList();
        }
    }

    @Override
    public Optional<VmProviderConfig> update(long id, VmProviderSettings settings) {
        synchronized (db.lock) {
            VmProviderConfig old = rows.get(id);
            if (old == null) {
                return Optional.empty();
            }
            checkName(old.zoneId(), settings, id);
            VmProviderConfig c = new VmProviderConfig(id, old.zoneId(), settings, ProviderHealth.HEALTHY,
                    old.createdAt(), db.clock.instant());
            rows.put(id, c);
            return Optional.of(c);
        }
    }

    @Override
    public void updateHealth(long id, ProviderHealth health) {
        synchronized (db.lock) {
            rows.computeIfPresent(id, (k, c) -> new VmProviderConfig(c.id(), c.zoneId(), c.settings(), health,
                    c.createdAt(), c.updatedAt(), c.agentSize(), c.agentSizeAt()));
        }
    }

    @Override
    public void updateAgentSize(long id, Instant settingsAt, Capacity size, Instant at) {
        synchronized (db.lock) {
            rows.computeIfPresent(id, (k, c) -> c.updatedAt().equals(settingsAt) ? new VmProviderConfig(c.id(),
                    c.zoneId(), c.settings(), c.health(), c.createdAt(), c.updatedAt(), size, at) : c);
        }
    }

    @Override
    public boolean delete(long id) {
        synchronized (db.lock) {
            if (rows.remove(id) == null) {
                return false;
            }
            db.agents.providerDeleted(id);
            return true;
        }
    }

    void deleteZone(long zoneId) {
        rows.values().removeIf(c -> c.zoneId() == zoneId);
    }

    private void checkName(long zoneId, VmProviderSettings settings, Long self) {
        boolean taken = rows.values().stream().anyMatch(c -> c.zoneId() == zoneId
                && c.name().equals(settings.name()) && (self == null || c.id() != self));
        if (taken) {
            throw new DuplicateNameException("name", "the zone already has a VM provider named \""
                    + settings.name() + "\"");
        }
    }
}
