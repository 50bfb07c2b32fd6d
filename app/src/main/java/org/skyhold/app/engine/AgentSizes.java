package org.skyhold.app.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.skyhold.domain.engine.EventLog;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.port.VmProviderConfigRepository;
import org.skyhold.domain.port.ZoneRepository;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;

/**
 * Asks each enabled VM provider's cloud the size of one agent ({@code lookupCapacity}) when the provider is saved
 * and when the engine starts, and stores it on the provider, so the planner can order a burst before any agent
 * has checked in. Lookups run on one background thread: neither a save nor the start-up waits for a cloud. A
 * failed lookup is shown as a {@code provider.error} event of the provider's zone (no backoff: the provider still
 * creates) and leaves the size unknown.
 */
public final class AgentSizes implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AgentSizes.class.getName());

    private final ProviderFactory factory;
    private final VmProviderConfigRepository providers;
    private final EventLog events;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "skyhold-agent-sizes");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger queued = new AtomicInteger();

    public AgentSizes(ProviderFactory factory, VmProviderConfigRepository providers, EventLog events, Clock clock) {
        this.factory = factory;
        this.providers = providers;
        this.events = events;
        this.clock = clock;
    }

    /** Looks the provider's agent size up in the background, when the provider is enabled. */
    public void lookUpLater(VmProviderConfig config) {
        if (!config.settings().enabled()) {
            return;
        }
        queued.incrementAndGet();
        try {
            thread.execute(() -> {
                try {
                    lookUp(config);
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            queued.decrementAndGet(); // shut down: the size stays unknown
        }
    }

    /** At start-up: every enabled provider of every zone, in the background. */
    public void lookUpAll(ZoneRepository zones) {
        thread.execute(() -> {
            try {
                zones.list().forEach(z -> providers.listByZone(z.id()).forEach(this::lookUpLater));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not list the providers to look their agent sizes up: " + e.getMessage());
            }
        });
    }

    /** Looks the size up now and stores it; a failure is stored as the provider's last error. */
    public void lookUp(VmProviderConfig config) {
        try {
            Capacity size = factory.vm(config).lookupCapacity();
            providers.updateAgentSize(config.id(), config.updatedAt(), size, clock.instant());
        } catch (ProviderException e) {
            // an event, not the provider's health: the engine owns the health, and a late write here could undo a
            // backoff it has just written
            events.record(clock.instant(), config.zoneId(), null, "provider.error", config.name()
                    + " could not look up the size of its agents (" + e.errorClass().wireName() + "): "
                    + e.getMessage() + "; until it can, the engine adds one agent at a time until the first checks in");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not store the agent size of provider " + config.name() + ": "
                    + e.getMessage());
        }
    }

    /** For tests: waits until every queued lookup is done. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
