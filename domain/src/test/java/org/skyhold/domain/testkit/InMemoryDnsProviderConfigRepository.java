package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;

/** {@link DnsProviderConfigRepository} in memory: unique names, and no delete while a zone names the provider. */
public final class InMemoryDnsProviderConfigRepository implements DnsProviderConfigRepository {
    private final InMemoryDatabase db;
    private final Map<Long, DnsProviderConfig> rows = new HashMap<>();

    InMemoryDnsProviderConfigRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public DnsProviderConfig create(DnsProviderSettings settings) {
        synchronized (db.lock) {
            checkName(settings, null);
            Instant now = db.clock.instant();
            DnsProviderConfig c = new DnsProviderConfig(db.nextId(), settings, now, now);
            rows.put(c.id(), c);
            return c;
        }
    }

    @Override
    public Optional<DnsProviderConfig> find(long id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Override
    public List<DnsProviderConfig> list() {
        synchronized (db.lock) {
            return rows.values().stream().sorted(Comparator.comparing(DnsProviderConfig::name)
                    .thenComparingLong(DnsProviderConfig::id)).toList();
        }
    }

    @Override
    public Optional<DnsProviderConfig> update(long id, DnsProviderSettings settings) {
        synchronized (db.lock) {
            DnsProviderConfig old = rows.get(id);
            if (old == null) {
                return Optional.empty();
            }
            checkName(settings, id);
            DnsProviderConfig c = new DnsProviderConfig(id, settings, old.createdAt(), db.clock.instant());
            rows.put(id, c);
            return Optional.of(c);
        }
    }

    @Override
    public boolean delete(long id) {
        synchronized (db.lock) {
            if (!rows.containsKey(id)) {
                return false;
            }
            if (db.zones.usesDnsProvider(id)) {
                throw new InUseException(
                        "a zone still registers its agents with this DNS provider; pick another one there first");
            }
            rows.remove(id);
            return true;
        }
    }

    private void checkName(DnsProviderSettings settings, Long self) {
        boolean taken = rows.values().stream().anyMatch(c -> c.name().equals(settings.name())
                && (self == null || c.id() != self));
        if (taken) {
            throw new DuplicateNameException("name", "a DNS provider named \"" + settings.name()
                    + "\" already exists");
        }
    }
}
