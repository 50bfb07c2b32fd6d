package org.skyhold.providers.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.TestFields;
import org.skyhold.providers.VmProviderContract;

/** The provider contract for the {@code simulated} kind, whose cloud boots VMs by its clock. */
class SimulatedContractTest extends VmProviderContract {
    private volatile Instant now = Instant.parse("2026-12-01T08:00:00Z");
    private SimulatedCloud cloud;
    private VmProvider provider;

    @BeforeEach
    void start() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        cloud = new SimulatedCloud(clock, new SimulatedAgent());
        provider = new SimulatedVmProvider(cloud, new KindSettings(TestFields.of(Map.of("sim_cores", "8", "sim_gpus",
                "1", "sim_memory_mb", "32768", "sim_boot_seconds", "60")), Map.of(), null));
    }

    @Override
    protected VmProvider provider() {
        return provider;
    }

    @Override
    protected void boot(String instanceId) {
        now = now.plus(Duration.ofSeconds(60)); // the simulated cloud boots every VM after sim_boot_seconds
    }

    @Override
    protected void finishDeletes() {
        // the simulated cloud removes a VM when asked
    }

    @Override
    protected int vmCount() {
        return cloud.vmCount();
    }

    @Override
    protected Capacity agentSize() {
        return new Capacity(8, 1, 32768);
    }
}
