package org.skyhold.domain.testkit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, Runnable> hooks = new ConcurrentHashMap<>();

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
    public final InMemoryDnsRecordRepository dnsRecords;

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
        this.dnsRecords = new InMemoryDnsRecordRepository(this);
    }

    /**
     * Runs {@code meanwhile} once, right after the next call of {@code operation} has read (outside the lock, so it
     * may use any repository): what another thread commits between the engine's read and its next step, such as a
     * user's placement between a pass's read and its scale-down. Operations: {@code "agents.liveWithLoads"} (also
     * its marked and changed-since forms, which are the same read of the zone), {@code "sessions.listOpenByAgent"}.
     */
    public void afterNext(String operation, Runnable meanwhile) {
        hooks.put(operation, meanwhile);
    }

    /** Called by a repository once its read of {@code operation} is done and the lock released. */
    void after(String operation) {
        Runnable hook = hooks.remove(operation);
        if (hook != null) {
            hook.run();
        }
    }

    /** The next value of the database's one sequence (ids of zones, providers, images, events ...). */
    long nextId() {
        return ids.incrementAndGet();
    }
}
