package org.skyhold.domain.testkit;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * A scriptable cloud for the engine's unit tests, keeping the {@link VmProvider} contract: a create returns at once
 * with the instance {@code creating}, the VM runs {@code bootAfter} later by the kit's clock, a create with an
 * idempotency key already seen returns the first VM, a delete of a missing VM is success. What it is told to do
 * wrong, it does: refuse creates with an error class, lose a create's answer after the VM was made (a timeout or a
 * reset), assign the public IP only once the VM runs (as EC2 does), be slow. It counts every call, so a test can say
 * how many VMs the engine asked for. Thread-safe.
 *
 * <pre>{@code
 * FakeVmProvider cloud = FakeVmProvider.builder().clock(clock).bootAfter(Duration.ofSeconds(30))
 *         .failWith(ProviderErrorClass.QUOTA).times(2).loseAnswerOnce().publicIpWhenRunning().build();
 * }</pre>
 */
public final class FakeVmProvider implements VmProvider {
    private final Clock clock;
    private final Duration bootAfter;
    private final Duration deleteTakes;
    private final Duration callDelay;
    private final boolean idempotent;
    private final boolean publicIpWhenRunning;
    private final Capacity size;
    private final Deque<ProviderException> createFailures;
    private ProviderException everyCreateFails;
    private ProviderException everyDeleteFails;
    private int answersToLose;

    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Map<String, String> byKey = new HashMap<>();
    private final List<VmSpec> createCalls = new ArrayList<>();
    private final List<String> deleteCalls = new ArrayList<>();
    private int describeCalls;
    private int listCalls;
    private int next;

    /** One VM as the fake cloud holds it. */
    private static final class Vm {
        final String id;
        final Map<String, String> tags;
        final Instant createdAt;
        final int n;
        Instant deletedAt;

        Vm(String id, Map<String, String> tags, Instant createdAt, int n) {
            this.id = id;
            this.tags = tags;
            this.createdAt = createdAt;
            this.n = n;
        }
    }

    private FakeVmProvider(Builder b) {
        this.clock = b.clock;
        this.bootAfter = b.bootAfter;
        this.deleteTakes = b.deleteTakes;
        this.callDelay = b.callDelay;
        this.idempotent = b.idempotent;
        this.publicIpWhenRunning = b.publicIpWhenRunning;
        this.size = b.size;
        this.createFailures = new ArrayDeque<>(b.createFailures);
        this.everyCreateFails = b.everyCreateFails;
        this.answersToLose = b.answersToLose;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public VmInstance create(VmSpec spec) {
        pause();
        synchronized (this) {
            createCalls.add(spec);
            if (!createFailures.isEmpty()) {
                throw createFailures.poll();
            }
            if (everyCreateFails != null) {
                throw everyCreateFails;
            }
            String existing = idempotent ? byKey.get(spec.idempotencyKey()) : null;
            Vm vm = existing != null ? vms.get(existing) : null;
            if (vm == null) {
                next++;
                vm = new Vm("i-" + next, spec.tags(), clock.instant(), next);
                vms.put(vm.id, vm);
                byKey.put(spec.idempotencyKey(), vm.id);
            }
            if (answersToLose > 0) {
                answersToLose--;
                // as a real client reports it: the transport's timeout is the cause (see LostAnswers)
                throw new ProviderException(ProviderErrorClass.OTHER, "read timed out (the answer to the create of "
                        + spec.agentId() + " was lost; instance " + vm.id + " exists)", null,
                        new SocketTimeoutException("Read timed out"));
            }
            return view(vm);
        }
    }

    @Override
    public void delete(String instanceId) {
        pause();
        synchronized (this) {
            deleteCalls.add(instanceId);
            if (everyDeleteFails != null) {
                throw everyDeleteFails;
            }
            Vm vm = vms.get(instanceId);
            if (vm != null && vm.deletedAt == null) {
                vm.deletedAt = clock.instant();
            }
        }
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        pause();
        synchronized (this) {
            describeCalls++;
            Vm vm = vms.get(instanceId);
            return vm == null || state(vm) == VmState.GONE ? Optional.empty() : Optional.of(view(vm));
        }
    }

    @Override
    public synchronized List<VmInstance> listTagged(String installationId) {
        listCalls++;
        return vms.values().stream().filter(vm -> installationId.equals(vm.tags.get(VmSpec.TAG_INSTALLATION))
                && state(vm) != VmState.GONE).map(this::view).toList();
    }

    @Override
    public Capacity lookupCapacity() {
        if (size == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the fake cloud was given no agent size");
        }
        return size;
    }

    @Override
    public Optional<Capacity> expectedCapacity() {
        return Optional.ofNullable(size);
    }

    @Override
    public String testConnection() {
        return "the fake cloud answers";
    }

    // ---- scripting while a test runs ----

    /** From now on every create fails with this class (until {@link #recover()}). */
    public synchronized FakeVmProvider failCreatesWith(ProviderErrorClass errorClass) {
        everyCreateFails = error(errorClass, "create");
        return this;
    }

    /** From now on every delete fails with this class (until {@link #recover()}). */
    public synchronized FakeVmProvider failDeletesWith(ProviderErrorClass errorClass) {
        everyDeleteFails = error(errorClass, "delete");
        return this;
    }

    /** Creates and deletes succeed again; failures queued by the builder's {@code times} are dropped. */
    public synchronized FakeVmProvider recover() {
        everyCreateFails = null;
        everyDeleteFails = null;
        createFailures.clear();
        return this;
    }

    /** The next create makes its VM but its answer is lost. */
    public synchronized FakeVmProvider loseNextAnswer() {
        answersToLose++;
        return this;
    }

    /** Puts a VM into the cloud that the engine did not create through this fake (a crash's or a stranger's). */
    public synchronized VmInstance plant(Map<String, String> tags) {
        next++;
        Vm vm = new Vm("i-" + next, Map.copyOf(tags), clock.instant(), next);
        vms.put(vm.id, vm);
        return view(vm);
    }

    // ---- what the engine did ----

    /** Every create call, in order, failed or not. */
    public synchronized List<VmSpec> createCalls() {
        return List.copyOf(createCalls);
    }

    /** How many VMs exist in the cloud: made and not yet gone. */
    public synchronized int liveVms() {
        return (int) vms.values().stream().filter(vm -> state(vm) != VmState.GONE).count();
    }

    /** How many VMs were ever made (a retried create with a known key makes none). */
    public synchronized int vmsMade() {
        return vms.size();
    }

    /** Every delete call's instance id, in order. */
    public synchronized List<String> deleteCalls() {
        return List.copyOf(deleteCalls);
    }

    public synchronized int describeCalls() {
        return describeCalls;
    }

    /** How many times the tagged VMs were listed (each a listing of the whole installation's VMs). */
    public synchronized int listCalls() {
        return listCalls;
    }

    /** The VM as {@link #describe} would show it, gone ones included; empty when never made. */
    public synchronized Optional<VmInstance> vm(String instanceId) {
        return Optional.ofNullable(vms.get(instanceId)).map(this::view);
    }

    private VmState state(Vm vm) {
        Instant now = clock.instant();
        if (vm.deletedAt != null) {
            return now.isBefore(vm.deletedAt.plus(deleteTakes)) ? VmState.DELETING : VmState.GONE;
        }
        return now.isBefore(vm.createdAt.plus(bootAfter)) ? VmState.CREATING : VmState.RUNNING;
    }

    private VmInstance view(Vm vm) {
        VmState state = state(vm);
        boolean publicKnown = !publicIpWhenRunning || state == VmState.RUNNING || state == VmState.DELETING;
        return new VmInstance(vm.id, state, publicKnown ? "203.0.113." + (vm.n % 250 + 1) : null,
                "10.0." + (vm.n / 250) + "." + (vm.n % 250 + 1), vm.tags);
    }

    private void pause() {
        if (!callDelay.isZero()) {
            try {
                Thread.sleep(callDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderErrorClass.OTHER, "interrupted");
            }
        }
    }

    private static ProviderException error(ProviderErrorClass c, String call) {
        return new ProviderException(c, "the fake cloud refused the " + call + " (" + c.wireName() + ")");
    }

    /** How the fake cloud behaves; every setting has a sensible default (boots at once, never fails). */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration bootAfter = Duration.ZERO;
        private Duration deleteTakes = Duration.ZERO;
        private Duration callDelay = Duration.ZERO;
        private boolean idempotent = true;
        private boolean publicIpWhenRunning;
        private Capacity size = new Capacity(4, 0, 8192);
        private final List<ProviderException> createFailures = new ArrayList<>();
        private ProviderException everyCreateFails;
        private ProviderErrorClass lastFailure;
        private int answersToLose;

        private Builder() {
        }

        /** The clock VM times are read from (use the test's {@link TestClock}); the system clock by default. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** A new VM shows {@code creating} until this long after its create, then {@code running}. */
        public Builder bootAfter(Duration d) {
            this.bootAfter = d;
            return this;
        }

        /** A deleted VM shows {@code deleting} this long before it is gone. */
        public Builder deleteTakes(Duration d) {
            this.deleteTakes = d;
            return this;
        }

        /** Every create, delete and describe takes this long of real time (for tests of concurrency). */
        public Builder callDelay(Duration d) {
            this.callDelay = d;
            return this;
        }

        /** Every create fails with this class; follow with {@link #times} to fail only the first n. */
        public Builder failWith(ProviderErrorClass c) {
            this.everyCreateFails = error(c, "create");
            this.lastFailure = c;
            return this;
        }

        /** The failure of the preceding {@link #failWith} hits only the next {@code n} creates. */
        public Builder times(int n) {
            if (lastFailure == null) {
                throw new IllegalStateException("times(n) follows failWith(errorClass)");
            }
            everyCreateFails = null;
            for (int i = 0; i < n; i++) {
                createFailures.add(error(lastFailure, "create"));
            }
            lastFailure = null;
            return this;
        }

        /** The first create that succeeds in the cloud loses its answer (the caller sees a timeout). */
        public Builder loseAnswerOnce() {
            this.answersToLose++;
            return this;
        }

        /** The cloud ignores idempotency keys: every create makes a new VM. */
        public Builder notIdempotent() {
            this.idempotent = false;
            return this;
        }

        /** The public IP appears only once the VM runs (as EC2 assigns it); the private one is known at once. */
        public Builder publicIpWhenRunning() {
            this.publicIpWhenRunning = true;
            return this;
        }

        /** The size of one agent as the cloud tells it (4 cores, 8 GB by default); null: the cloud cannot tell. */
        public Builder size(Capacity c) {
            this.size = c;
            return this;
        }

        public FakeVmProvider build() {
            return new FakeVmProvider(this);
        }
    }
}
