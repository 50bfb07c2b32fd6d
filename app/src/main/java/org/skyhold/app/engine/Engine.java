package org.skyhold.app.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.skyhold.app.Repositories;
import org.skyhold.domain.engine.Actuator;
import org.skyhold.domain.engine.AddressFollower;
import org.skyhold.domain.engine.AgentService;
import org.skyhold.domain.engine.CheckinService;
import org.skyhold.domain.engine.Destroyer;
import org.skyhold.domain.engine.DnsRegistrar;
import org.skyhold.domain.engine.EnginePorts;
import org.skyhold.domain.engine.EventLog;
import org.skyhold.domain.engine.ExecutorLoop;
import org.skyhold.domain.engine.Failpoints;
import org.skyhold.domain.engine.PlacementService;
import org.skyhold.domain.engine.Provisioner;
import org.skyhold.domain.engine.RecoveryTimes;
import org.skyhold.domain.engine.SessionService;
import org.skyhold.domain.engine.ZoneReconciler;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.provider.GuardedProviderFactory;
import org.skyhold.domain.provider.ProviderCalls;
import org.skyhold.domain.provider.ProviderFactory;
import org.skyhold.providers.ProviderCatalogs;
import org.skyhold.providers.simulated.SimulatedAgent;
import org.skyhold.providers.simulated.SimulatedCloud;

/**
 * The engine, wired: the executor loop of this manager, the services the HTTP layer calls, and the simulated
 * cloud's clock-driven boots. {@link #close()} stops the loops and releases this manager's leases.
 */
public final class Engine implements AutoCloseable {
    /** How often every zone's loop runs when nothing wakes it. */
    public static final Duration TICK = Duration.ofSeconds(2);
    /** How long a zone's lease lasts without renewal: the take-over time when a manager dies. */
    public static final Duration LEASE_TTL = Duration.ofSeconds(15);
    /** How long one provider call may take: well under the lease, so no call outlives the lease it began under. */
    public static final Duration CALL_TIMEOUT = ProviderCalls.DEFAULT_TIMEOUT;
    /** The most provider calls in flight across all providers (creates and deletes on the actuator). */
    static final int ACTUATOR_THREADS = 128;
    /** The most threads blocked in provider calls at once, hung ones included. */
    static final int CALL_THREADS = 256;

    public final ExecutorLoop loop;
    public final ZoneReconciler reconciler;
    public final CheckinService checkins;
    public final AgentService agents;
    public final SessionService sessions;
    public final SimulatedCloud simulated;
    /** Every provider kind of this build; built once here and passed to whatever reads kinds. */
    public final ProviderCatalog catalog;
    public final EnginePorts ports;
    public final PrometheusEngineMetrics metrics = new PrometheusEngineMetrics();
    /** The cloud calls the zones' passes order (creates, deletes), paced per provider. */
    public final Actuator actuator;
    /** Looks up and stores each provider's agent size on save and at start-up. */
    public final AgentSizes sizes;
    private final ScheduledExecutorService simulatedTicker;
    private final ExecutorService placements;
    private final ProviderRegistry registry;
    private final ProviderCalls calls;
    private final Repositories repos;
    private final Clock clock;

    public Engine(Repositories repos, String installationId, Supplier<String> publicUrl, String managerId,
                  Clock clock) {
        this(repos, installationId, publicUrl, managerId, clock, Failpoints.NONE, RecoveryTimes.DEFAULT);
    }

    /** The engine with a test build's failpoints armed and its recovery times. */
    public Engine(Repositories repos, String installationId, Supplier<String> publicUrl, String managerId,
                  Clock clock, Failpoints failpoints, RecoveryTimes recovery) {
        this.simulated = new SimulatedCloud(clock, new SimulatedAgent());
        ProviderCatalogs catalogs = ProviderCatalogs.standard(simulated, clock);
        this.catalog = catalogs.catalog();
        this.registry = new ProviderRegistry(catalogs);
        // every provider the engine, the connection test and the size lookup use is guarded
        this.calls = new ProviderCalls(CALL_TIMEOUT, CALL_THREADS, metrics);
        ProviderFactory guarded = new GuardedProviderFactory(registry, calls);
        this.ports = new EnginePorts(repos.zones(), repos.vmProviders(), repos.dnsProviders(), repos.agents(),
                repos.sessions(), repos.images(), repos.stagingConfigs(), repos.leases(), repos.capacityHistory(), guarded,
                new EventLog(repos.events(), managerId), installationId, publicUrl, metrics, repos.dnsRecords(),
                repos.schedules(), repos.bootTimes(), failpoints, recovery);
        this.actuator = new Actuator(clock, ACTUATOR_THREADS);
        this.sizes = new AgentSizes(guarded, repos.vmProviders(), ports.events(), clock);
        this.repos = repos;
        DnsRegistrar dns = new DnsRegistrar(ports);
        Provisioner provisioner = new Provisioner(ports, dns, actuator);
        Destroyer destroyer = new Destroyer(ports, dns, actuator, provisioner);
        // a zone's placement batches run here, never on the request threads that wait for them
        this.placements = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "skyhold-placement");
            t.setDaemon(true);
            return t;
        });
        PlacementService placement = new PlacementService(ports, placements);
        this.reconciler = new ZoneReconciler(ports, provisioner, destroyer, placement, new AddressFollower(ports, dns));
        this.loop = new ExecutorLoop(ports, reconciler, actuator, managerId, clock, TICK, LEASE_TTL, 4);
        this.checkins = new CheckinService(ports, provisioner, loop::wake);
        this.agents = new AgentService(ports, destroyer, loop::wake, clock);
        this.sessions = new SessionService(ports, placement, loop::wake, loop::nudge, clock);
        this.simulatedTicker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skyhold-simulated-cloud");
            t.setDaemon(true);
            return t;
        });
        this.clock = clock;
    }

    /** Starts the zone loops and the simulated cloud's clock. Call once the HTTP server listens. */
    public void start() {
        loop.start();
        sizes.lookUpAll(repos.zones());
        simulatedTicker.scheduleWithFixedDelay(() -> simulated.tick(clock.instant()), 250, 250,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        simulatedTicker.shutdownNow();
        placements.shutdown();
        sizes.close();
        loop.close();
        actuator.close();
        calls.close();
        registry.close();
    }
}
