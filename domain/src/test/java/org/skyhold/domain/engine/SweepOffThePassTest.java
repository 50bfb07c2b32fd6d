package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/**
 * With an actuator, the sweeper's once-a-minute sweep runs there: the pass that finds it due returns without
 * waiting for the cloud to list its VMs, a zone's sweeps never overlap, and the sweep still removes an orphan.
 */
class SweepOffThePassTest {
    private final EngineKit kit = EngineKit.start();
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);
    private final Sweeper sweeper = new Sweeper(kit.ports, kit.actuator);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aDueSweepRunsOnTheActuatorWhileThePassGoesOn() {
        kit.runningAgent(zone, provider, cloud, new Capacity(4, 0, 8192));
        VmInstance orphan = cloud.plant(VmSpec.tags(EngineKit.INSTALLATION, zone.id(), "agorphan0001"));

        synchronized (cloud) { // the fake cloud's listing waits for this block: the sweep cannot finish in it
            sweeper.sweepIfDue(state(), kit.clock.now(), LeaseGuard.NONE);
            assertThat(kit.actuator.busy("sweep " + zone.id())).as("the sweep waits on the cloud").isTrue();
            kit.clock.advance(Duration.ofMinutes(2));
            sweeper.sweepIfDue(state(), kit.clock.now(), LeaseGuard.NONE); // due again, but one runs already
            assertThat(kit.actuator.outstanding()).isEqualTo(1);
        }
        kit.settle();
        assertThat(cloud.deleteCalls()).as("within the grace period").isEmpty();

        kit.clock.advance(Sweeper.GRACE);
        sweeper.sweepIfDue(state(), kit.clock.now(), LeaseGuard.NONE);
        kit.settle();

        assertThat(cloud.deleteCalls()).containsExactly(orphan.instanceId());
        assertThat(kit.db.events.reasons("sweeper.vm_deleted")).singleElement().asString()
                .contains(orphan.instanceId());
    }

    private ZoneState state() {
        return kit.reader.read(zone.id(), kit.clock.now()).orElseThrow();
    }
}
