package org.skyhold.providers.simulated;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code simulated} kind: VMs of the configured size that boot after the configured time (see
 * {@link SimulatedFields}); the configured share of creates fails as "out of capacity", to watch the engine back
 * off and fail over.
 */
public final class SimulatedVmProvider implements VmProvider {
    private final SimulatedCloud cloud;
    private final Capacity size;
    private final Duration boot;
    private final double failureRate;
    private final Random random = new Random();

    /** @throws ProviderException ({@code BAD_CONFIG}) naming the field when the settings cannot be read */
    public SimulatedVmProvider(SimulatedCloud cloud, KindSettings settings) {
        this.cloud = cloud;
        SimulatedSettings s;
        try {
            s = SimulatedSettings.read(settings);
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
        this.size = s.size();
        this.boot = s.boot();
        this.failureRate = s.failureRate();
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
}
