package org.skyhold.domain.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.skyhold.domain.engine.Actuator;
import org.skyhold.domain.engine.AddressFollower;

import org.skyhold.domain.engine.AgentTokens;
import org.skyhold.domain.engine.CapacityRecorder;
import org.skyhold.domain.engine.Destroyer;
import org.skyhold.domain.engine.DnsRegistrar;
import org.skyhold.domain.engine.EngineMetrics;
import org.skyhold.domain.engine.EnginePorts;
import org.skyhold.domain.engine.EventLog;
import org.skyhold.domain.engine.Failpoints;
import org.skyhold.domain.engine.LeaseGuard;
import org.skyhold.domain.engine.LeaseLostException;
import org.skyhold.domain.engine.LifecycleRules;
import org.skyhold.domain.engine.PlacementService;
import org.skyhold.domain.engine.Provisioner;
import org.skyhold.domain.engine.RecoveryTimes;
import org.skyhold.domain.engine.SnapshotReader;
import org.skyhold.domain.engine.Sweeper;
import org.skyhold.domain.engine.ZoneReconciler;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneLease;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.planner.ScalingPlanner;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;

/**
 * The engine on the kit: a {@link TestClock}, an {@link InMemoryDatabase}, a {@link FakeProviderFactory}, and the
 * engine's parts built on them exactly as the app wires them (each a public field, so a test can call the one it
 * is about, or build its own from {@link #ports}). Cloud calls run on a real {@link Actuator}; {@link #settle()}
 * waits for them. Close it after the test.
 *
 * <pre>{@code
 * try (EngineKit kit = EngineKit.start()) {
 *     Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).build());
 *     FakeVmProvider cloud = kit.cloud(b -> b.bootAfter(Duration.ofSeconds(30)));
 *     VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
 *     kit.reconciler.reconcile(zone.id(), kit.clock.now(), LeaseGuard.NONE);
 *     kit.settle();
 * }
 * }</pre>
 */
public final class EngineKit implements AutoCloseable {
    public static final String INSTALLATION = "kitinstall1";

    public final TestClock clock;
    public final InMemoryDatabase db;
    public final FakeProviderFactory factory = new FakeProviderFactory();
    public final EnginePorts ports;
    public final Actuator actuator;
    public final DnsRegistrar dns;
    public final Provisioner provisioner;
    public final Destroyer destroyer;
    public final PlacementService placement;
    public final LifecycleRules lifecycle;
    public final Sweeper sweeper;
    public final AddressFollower addresses;
    public final SnapshotReader reader;
    public final ZoneReconciler reconciler;

    private EngineKit(TestClock clock, Failpoints failpoints, RecoveryTimes recovery) {
        this.clock = clock;
        this.db = new InMemoryDatabase(clock);
        this.ports = new EnginePorts(db.zones, db.vmProviders, db.dnsProviders, db.agents, db.sessions, db.images,
                db.staging, db.leases, db.capacityHistory, factory, new EventLog(db.events), INSTALLATION,
                () -> "https://skyhold.test", EngineMetrics.NONE, db.dnsRecords, null, null, // no standby windows
                failpoints, recovery);
        this.actuator = new Actuator(clock, 4);
        this.dns = new DnsRegistrar(ports);
        this.provisioner = new Provisioner(ports, dns, actuator);
        this.destroyer = new Destroyer(ports, dns, actuator, provisioner);
        this.placement = new PlacementService(ports);
        this.lifecycle = new LifecycleRules(ports, provisioner, destroyer);
        this.sweeper = new Sweeper(ports, actuator);
        this.addresses = new AddressFollower(ports, dns);
        this.reader = new SnapshotReader(ports);
        this.reconciler = new ZoneReconciler(ports, reader, lifecycle, provisioner, destroyer, placement, sweeper,
                addresses, new ScalingPlanner(), new CapacityRecorder(db.capacityHistory));
    }

    /** A kit whose clock stands at {@link TestClock#T0}. */
    public static EngineKit start() {
        return start(Failpoints.NONE, RecoveryTimes.DEFAULT);
    }

    /** A kit whose engine passes {@code failpoints} (a recording one, say) and waits {@code recovery}. */
    public static EngineKit start(Failpoints failpoints, RecoveryTimes recovery) {
        return new EngineKit(TestClock.start(), failpoints, recovery);
    }

    /** A fake cloud on this kit's clock, shaped by {@code script} (see {@link FakeVmProvider.Builder}). */
    public FakeVmProvider cloud(UnaryOperator<FakeVmProvider.Builder> script) {
        return script.apply(FakeVmProvider.builder().clock(clock)).build();
    }

    public Zone zone(ZoneSettings settings) {
        return db.zones.create(settings);
    }

    /** A VM provider of the zone (priority 0, check-in required) backed by {@code cloud}. */
    public VmProviderConfig vmProvider(Zone zone, String name, int maxInstances, FakeVmProvider cloud) {
        return vmProvider(zone, name, 0, maxInstances, cloud);
    }

    public VmProviderConfig vmProvider(Zone zone, String name, int priority, int maxInstances, FakeVmProvider cloud) {
        VmProviderConfig config = db.vmProviders.create(zone.id(), new VmProviderSettings(name, "simulated", true,
                priority, maxInstances, "", null, true, ProviderFields.EMPTY, Map.of(),
                VmProviderSettings.DEFAULT_MAX_CONCURRENT_CALLS));
        factory.put(config, cloud);
        return config;
    }

    /** A DNS provider backed by {@code zone}; name a zone's DNS with {@link ZoneSettingsBuilder#dns}. */
    public DnsProviderConfig dnsProvider(String name, FakeDnsProvider zone) {
        DnsProviderConfig config = db.dnsProviders.create(new DnsProviderSettings(name, "rfc2136", null,
                ProviderFields.EMPTY, Map.of()));
        factory.put(config, zone);
        return config;
    }

    public Image image(String name, Capacity reservation) {
        return db.images.create(name, reservation);
    }

    /**
     * An autoscaled agent that has checked in with {@code size} and is running now, on a VM of {@code cloud}
     * tagged for it (so destroying it deletes a real fake VM).
     */
    public Agent runningAgent(Zone zone, VmProviderConfig provider, FakeVmProvider cloud, Capacity size) {
        String id = AgentTokens.newAgentId();
        VmInstance vm = cloud.plant(VmSpec.tags(INSTALLATION, zone.id(), id));
        var now = clock.now();
        Agent agent = new Agent(id, zone.id(), provider.id(), true, "skyhold-" + id, AgentState.RUNNING,
                vm.instanceId(), null, vm.publicIp(), vm.privateIp(), null, size, now, now, now, now, null, null);
        db.agents.insert(agent);
        // a checked-in agent is idle from its check-in, as the check-in statement writes it
        db.agents.idleSince(id, now);
        return agent;
    }

    /** A static agent registered by an operator, running at once. */
    public Agent staticAgent(Zone zone, String name, Capacity size) {
        var now = clock.now();
        return db.agents.insert(new Agent(AgentTokens.newAgentId(), zone.id(), null, false, name, AgentState.RUNNING,
                null, name + ".example", null, null, null, size, now, now, now, now, null, null));
    }

    /** The agent as stored now. */
    public Agent agent(String id) {
        return db.agents.find(id).orElseThrow();
    }

    /**
     * A lease on the zone for manager {@code managerId}, held for an hour of the kit's clock, as the executor loop
     * guards a pass with: {@code check()} fails once the lease passed to another manager, and cloud results are
     * written fenced by its epoch.
     */
    public LeaseGuard lease(Zone zone, String managerId) {
        ZoneLease l = db.leases.acquire(zone.id(), managerId, clock.now(), clock.now().plus(Duration.ofHours(1)))
                .orElseThrow(() -> new IllegalStateException("another manager holds the lease of " + zone.name()));
        LeaseGuard.Fence fence = new LeaseGuard.Fence(managerId, l.epoch());
        return new LeaseGuard() {
            @Override
            public void check() {
                var current = db.leases.find(zone.id());
                if (current.isEmpty() || current.get().epoch() != l.epoch()
                        || !current.get().heldBy(managerId, clock.now())) {
                    throw new LeaseLostException("the lease of zone " + zone.id() + " passed to another manager");
                }
            }

            @Override
            public Fence fence() {
                return fence;
            }
        };
    }

    /** Waits (up to 10 s) until every cloud call ordered on the actuator has answered and its result is written. */
    public void settle() {
        try {
            if (!actuator.awaitIdle(Duration.ofSeconds(10))) {
                throw new AssertionError("the actuator still had calls in flight after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the actuator", e);
        }
    }

    /** One pass of the zone's loop now, unleased, then waits for the calls it ordered. */
    public void pass(Zone zone) {
        reconciler.reconcile(zone.id(), clock.now(), LeaseGuard.NONE);
        settle();
    }

    @Override
    public void close() {
        actuator.close();
    }
}
