package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** Shortened recovery times (the crash test's) are the ones the rules and the sweeper wait. */
class RecoveryTimesTest {
    private final EngineKit kit = EngineKit.start(Failpoints.NONE,
            new RecoveryTimes(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(4)));
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aPendingRowLeftByACrashIsResolvedAfterThePendingGrace() {
        Agent lost = kit.db.agents.insert(new Agent("agcrashlost1", zone.id(), provider.id(), true, "skyhold-x",
                AgentState.PENDING, null, null, null, null, null, Capacity.ZERO, kit.clock.now(), kit.clock.now(),
                null, null, null, null));
        kit.clock.advanceSeconds(4);
        apply();
        assertThat(kit.agent(lost.id()).state()).isEqualTo(AgentState.PENDING);
        kit.clock.advanceSeconds(1);
        apply();
        assertThat(kit.agent(lost.id()).state()).isEqualTo(AgentState.FAILED);
    }

    @Test
    void anOrphanedVmIsSweptAfterTheSweepGraceAtTheSweepInterval() {
        var orphan = cloud.plant(VmSpec.tags(EngineKit.INSTALLATION, zone.id(), "agnoagent001"));
        sweep(); // the zone's first pass on this manager does not sweep; its first sweep is due within the interval
        kit.clock.advanceSeconds(2);
        sweep();
        assertThat(cloud.listCalls()).as("swept once, at the sweep interval").isEqualTo(1);
        kit.clock.advanceSeconds(2);
        sweep();
        assertThat(cloud.deleteCalls()).isEmpty();
        kit.clock.advanceSeconds(2);
        sweep();
        assertThat(cloud.deleteCalls()).containsExactly(orphan.instanceId());
        assertThat(kit.db.events.reasons("sweeper.vm_deleted")).singleElement().asString().contains("4 seconds");
    }

    private void apply() {
        kit.lifecycle.apply(kit.reader.read(zone.id(), kit.clock.now()).orElseThrow(), kit.clock.now(),
                LeaseGuard.NONE);
    }

    private void sweep() {
        kit.sweeper.sweepIfDue(kit.reader.read(zone.id(), kit.clock.now()).orElseThrow(), kit.clock.now(),
                LeaseGuard.NONE);
        kit.settle(); // the sweep runs on the actuator
    }
}
