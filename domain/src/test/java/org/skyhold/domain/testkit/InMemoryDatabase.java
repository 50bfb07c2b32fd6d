package org.skyhold.domain.testkit;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every in-memory repository of the kit over one set of tables, as one PostgreSQL database would hold them: the
 * repositories that must see each other's rows (a session's reservation on its agent, a lease fencing an agent's
 * update, a zone's delete reaching its providers) share this object, and every method of every repository runs
 * under its one lock, so each is atomic as the statement it stands for. Rows take their default times from
 * {@code clock} where the database would write {@code now()}.
 */
public final class InMemoryDatabase {
    final Object lock = new Object();
    final Clock clock;
    private final AtomicLong ids = new AtomicLong();

    public final InMemoryZoneRepository zones;
    public final InMemoryVmProviderConfigRepository vmProviders;
    public final InMemoryDnsProviderConfigRepository dnsProviders;
    public final InMemoryAgentRepository agents;
    public final InMemorySessionRepository sessions;
    public final InMemoryImageRepository images;
    public final InMemoryStagingConfigRepository staging;
    public final InMemoryZoneLeaseRepository leases;
    public final InMemoryCapacityHistoryRepository capacityHistory;
    public final InMemoryEventRepository events;
    public final InMemoryInstallationRepository installation;

    public InMemoryDatabase(Clock clock) {
        this.clock = clock;
        this.zones = new InMemoryZoneRepository(this);
        this.vmProviders = new InMemoryVmProviderConfigRepository(this);
        this.dnsProviders = new InMemoryDnsProviderConfigRepository(this);
        this.agents = new InMemoryAgentRepository(this);
        this.sessions = new InMemorySessionRepository(this);
        this.images = new InMemoryImageRepository(this);
        this.staging = new InMemoryStagingConfigRepository(this);
        this.leases = new InMemoryZoneLeaseRepository(this);
        this.capacityHistory = new InMemoryCapacityHistoryRepository(this);
        this.events = new InMemoryEventRepository(this);
        this.installation = new InMemoryInstallationRepository(this);
    }

    /** The next value of the database's one sequence (ids of zones, providers, images, events ...). */
    long nextId() {
        return ids.incrementAndGet();
    }
}
