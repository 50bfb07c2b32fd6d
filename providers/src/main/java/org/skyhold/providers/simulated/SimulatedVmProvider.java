package org.skyhold.providers.simulated;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code simulated} kind: VMs of {@code sim_cores}/{@code sim_gpus}/{@code sim_memory_mb} that boot after
 * {@code sim_boot_seconds}; a share {@code sim_failure_rate} of creates fails as "out of capacity", to watch the
 * engine back off and fail over.
 */
public final class SimulatedVmProvider implements VmProvider {
    private final SimulatedCloud cloud;
    private final Capacity size;
    private final Duration boot;
    private final double failureRate;
    private final Random random = new Random();

    public SimulatedVmProvider(SimulatedCloud cloud, VmProviderSettings settings) {
        this.cloud = cloud;
        var f = settings.fields();
        this.size = new Capacity(number(f.get("sim_cores"), 4), number(f.get("sim_gpus"), 0),
                number(f.get("sim_memory_mb"), 8192));
        this.boot = Duration.ofSeconds(number(f.get("sim_boot_seconds"), 5));
        this.failureRate = f.get("sim_failure_rate") == null ? 0 : Double.parseDouble(f.get("sim_failure_rate"));
    }

    @Override
    public VmInstance create(VmSpec spec) {
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            throw new ProviderException(ProviderErrorClass.CAPACITY,
                    "simulated: insufficient capacity for " + spec.hostname());
        }
        return view(cloud.create(spec, size, boot));
    }

    @Override
    public void delete(String instanceId) {
        cloud.delete(instanceId);
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        return Optional.ofNullable(cloud.find(instanceId)).map(this::view);
    }

    @Override
    public List<VmInstance> listTagged(String installationId) {
        return cloud.all().stream()
                .filter(vm -> installationId.equals(vm.spec.tags().get(VmSpec.TAG_INSTALLATION)))
                .map(this::view).toList();
    }

    /** The configured size; no request. */
    @Override
    public Capacity lookupCapacity() {
        return size;
    }

    @Override
    public Optional<Capacity> expectedCapacity() {
        return Optional.of(size);
    }

    @Override
    public String testConnection() {
        return "The simulated cloud keeps its VMs in memory; VMs of " + size.cores() + " cores, " + size.gpus()
                + " GPUs, " + size.memoryMb() + " MB boot in " + boot.toSeconds() + " s.";
    }

    private VmInstance view(SimulatedCloud.Vm vm) {
        boolean up = !cloud.clock().instant().isBefore(vm.bootsAt);
        return new VmInstance(vm.instanceId, up ? VmState.RUNNING : VmState.CREATING, vm.publicIp, vm.privateIp,
                vm.spec.tags());
    }

    private static long number(String value, long fallback) {
        return value == null ? fallback : Long.parseLong(value);
    }
}
