package org.skyhold.providers.simulated;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what the simulated cloud knows about its VMs without changing it, for the benchmarks: a VM's boot time is
 * {@code clock.instant()} at the moment of {@link SimulatedCloud#create} plus the provider's boot delay, so it
 * tells when the create call happened to the clock's resolution.
 */
public final class SimulatedCloudProbe {
    private SimulatedCloudProbe() {
    }

    /** Each VM's instance id and the instant it is due to boot. */
    public static Map<String, Instant> bootsAt(SimulatedCloud cloud) {
        Map<String, Instant> out = new HashMap<>();
        for (SimulatedCloud.Vm vm : cloud.all()) {
            out.put(vm.instanceId, vm.bootsAt);
        }
        return out;
    }
}
