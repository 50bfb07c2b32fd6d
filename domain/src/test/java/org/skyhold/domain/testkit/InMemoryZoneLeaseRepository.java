package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.ZoneLease;
import org.skyhold.domain.port.ZoneLeaseRepository;

/**
 * {@link ZoneLeaseRepository} in memory, with the Postgres one's rules: the epoch grows only on a change of holder,
 * and a released lease keeps its row (expired at the Unix epoch) so the next holder's epoch still grows.
 */
public final class InMemoryZoneLeaseRepository implements ZoneLeaseRepository {
    private final InMemoryDatabase db;
    private final Map<Long, ZoneLease> rows = new HashMap<>();

    InMemoryZoneLeaseRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<ZoneLease> acquire(long zoneId, String managerId, Instant now, Instant expiresAt) {
        synchronized (db.lock) {
            ZoneLease l = rows.get(zoneId);
            ZoneLease next;
            if (l == null) {
                next = new ZoneLease(zoneId, managerId, 1, now, expiresAt);
            } else if (l.managerId().equals(managerId)) {
                next = new ZoneLease(zoneId, managerId, l.epoch(), l.acquiredAt(), expiresAt);
            } else if (!l.expiresAt().isAfter(now)) {
                next = new ZoneLease(zoneId, managerId, l.epoch() + 1, now, expiresAt);
            } else {
                return Optional.empty();
            }
            rows.put(zoneId, next);
            return Optional.of(next);
        }
    }

    @Override
    public Optional<ZoneLease> find(long zoneId) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(zoneId));
        }
    }

    @Override
    public void release(long zoneId, String managerId) {
        synchronized (db.lock) {
            rows.computeIfPresent(zoneId, (k, l) -> l.managerId().equals(managerId)
                    ? new ZoneLease(zoneId, managerId, l.epoch(), l.acquiredAt(), Instant.EPOCH) : l);
        }
    }

    /** Whether the zone's lease row names this manager and epoch (expired or not), as fenced writes check it. */
    boolean holds(long zoneId, String managerId, long epoch) {
        ZoneLease l = rows.get(zoneId);
        return l != null && l.managerId().equals(managerId) && l.epoch() == epoch;
    }

    void deleteZone(long zoneId) {
        rows.remove(zoneId);
    }
}
