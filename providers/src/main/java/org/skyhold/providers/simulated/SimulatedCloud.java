package org.skyhold.providers.simulated;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.VmSpec;

/**
 * The simulated cloud: VMs and DNS records in memory, shared by every simulated provider of this process (so a
 * provider whose settings change keeps its VMs). {@link #tick(Instant)} boots the VMs whose boot time has come
 * (their agents check in over HTTP, like a real startup script would) and keeps booted agents' heartbeats going.
 */
public final class SimulatedCloud {
    private static final Logger LOG = System.getLogger(SimulatedCloud.class.getName());
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);

    /** One simulated VM; mutable fields are only touched under the cloud's lock of that VM. */
    static final class Vm {
        final String instanceId;
        final VmSpec spec;
        final Capacity capacity;
        final Instant bootsAt;
        final String privateIp;
        final String publicIp;
        volatile boolean booted;
        volatile boolean bootFailed;
        volatile String heartbeatUrl;
        volatile String heartbeatToken;
        volatile Instant lastBeat;

        Vm(String instanceId, VmSpec spec, Capacity capacity, Instant bootsAt, String privateIp, String publicIp) {
            this.instanceId = instanceId;
            this.spec = spec;
            this.capacity = capacity;
            this.bootsAt = bootsAt;
            this.privateIp = privateIp;
            this.publicIp = publicIp;
        }
    }

    private final Map<String, Vm> vms = new ConcurrentHashMap<>();
    private final Map<String, Vm> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, DnsRecord> records = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final SimulatedAgent agent;
    private final Clock clock;

    private final AtomicReference<RuntimeException> nextCreateFailure =
            new AtomicReference<>();

    public SimulatedCloud(Clock clock, SimulatedAgent agent) {
        this.clock = clock;
        this.agent = agent;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The next create throws {@code failure} as it is, as a provider with a bug would (a null where the code
     * expected none), to watch the engine contain it: the provider backs off and the next one takes the work.
     */
    public void throwOnNextCreate(RuntimeException failure) {
        nextCreateFailure.set(failure);
    }

    Vm create(VmSpec spec, Capacity capacity, Duration boot) {
        RuntimeException failure = nextCreateFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return byIdempotencyKey.computeIfAbsent(spec.idempotencyKey(), key -> {
            int n = counter.incrementAndGet();
            // unique across restarts of this process, like a real cloud's ids: rows of an earlier run must not clash
            Vm vm = new Vm("sim-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()
                    & Long.MAX_VALUE), spec, capacity, clock.instant().plus(boot),
                    "10.77." + (n / 250 % 250) + "." + (n % 250 + 1), "198.51.100." + (n % 250 + 1));
            vms.put(vm.instanceId, vm);
            return vm;
        });
    }

    Vm find(String instanceId) {
        return vms.get(instanceId);
    }

    void delete(String instanceId) {
        Vm vm = vms.remove(instanceId);
        if (vm != null) {
            byIdempotencyKey.remove(vm.spec.idempotencyKey());
        }
    }

    List<Vm> all() {
        return List.copyOf(vms.values());
    }

    void upsert(DnsRecord record) {
        records.put(record.name(), record);
    }

    void deleteRecord(String name) {
        records.remove(name);
    }

    /** Every record the simulated DNS holds, for the DNS provider's JSON and for tests. */
    public List<DnsRecord> records() {
        return List.copyOf(records.values());
    }

    /** How many VMs exist now, for tests and the demo. */
    public int vmCount() {
        return vms.size();
    }

    /** Boots the VMs whose time has come and sends the heartbeats that are due. Safe to call from any thread. */
    public void tick(Instant now) {
        for (Vm vm : vms.values()) {
            try {
                if (!vm.booted && !vm.bootFailed && !now.isBefore(vm.bootsAt)) {
                    agent.checkIn(vm, now);
                } else if (vm.booted && vm.heartbeatUrl != null && !now.isBefore(vm.lastBeat.plus(HEARTBEAT_EVERY))) {
                    agent.heartbeat(vm, now);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulated agent " + vm.spec.agentId() + ": " + e.getMessage());
            }
        }
    }
}
