package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.ZoneRepository;

/** {@link ZoneRepository} in memory, with the unique name and the cascading delete of the Postgres one. */
public final class InMemoryZoneRepository implements ZoneRepository {
    private final InMemoryDatabase db;
    private final Map<Long, Zone> rows = new HashMap<>();
    private final Map<Long, Instant> lastScaleUp = new HashMap<>();

    InMemoryZoneRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Zone create(ZoneSettings settings) {
        synchronized (db.lock) {
            checkName(settings, null);
            Instant now = db.clock.instant();
            Zone zone = new Zone(db.nextId(), settings, now, now);
            rows.put(zone.id(), zone);
            return zone;
        }
    }

    @Override
    public Optional<Zone> find(long id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Override
    public List<Zone> list() {
        synchronized (db.lock) {
            return rows.values().stream().sorted(Comparator.comparing(Zone::name).thenComparing(Zone::id)).toList();
        }
    }

    @Override
    public Optional<Zone> update(long id, ZoneSettings settings) {
        synchronized (db.lock) {
            Zone old = rows.get(id);
            if (old == null) {
                return Optional.empty();
            }
            checkName(settings, id);
            Zone zone = new Zone(id, settings, old.createdAt(), db.clock.instant());
            rows.put(id, zone);
            return Optional.of(zone);
        }
    }

    @Override
    public boolean delete(long id) {
        synchronized (db.lock) {
            if (rows.remove(id) == null) {
                return false;
            }
            lastScaleUp.remove(id);
            db.sessions.deleteZone(id);
            db.agents.deleteZone(id);
            db.staging.deleteZone(id);
            db.vmProviders.deleteZone(id);
            db.leases.deleteZone(id);
            db.capacityHistory.deleteZone(id);
            return true;
        }
    }

    @Override
    public Optional<Instant> lastScaleUpAt(long id) {
        synchronized (db.lock) {
            return Optional.ofNullable(lastScaleUp.get(id));
        }
    }

    @Override
    public void recordScaleUp(long id, Instant at) {
        synchronized (db.lock) {
            if (rows.containsKey(id)) {
                lastScaleUp.put(id, at);
            }
        }
    }

    /** Whether a zone names this DNS provider (the foreign key that refuses the provider's delete). */
    boolean usesDnsProvider(long dnsProviderId) {
        return rows.values().stream().anyMatch(z -> Long.valueOf(dnsProviderId).equals(z.settings().dnsProviderId()));
    }

    private void checkName(ZoneSettings settings, Long self) {
        boolean taken = rows.values().stream().anyMatch(z -> z.name().equals(settings.name())
                && (self == null || z.id() != self));
        if (taken) {
            throw new DuplicateNameException("name", "a zone named \"" + settings.name() + "\" already exists");
        }
    }
}
