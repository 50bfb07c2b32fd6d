package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsZoneStatus;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeDnsProvider;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/**
 * The once-a-minute sweep runs on the actuator, off the zone's pass: the pass that finds it due returns without
 * waiting for the cloud to list its VMs, a zone's sweeps never overlap, a sweep whose lease passed to another
 * manager does nothing, and the sweeper's DNS outcomes are events of its own kinds, apart from the registrations'.
 */
@Timeout(30) // a pass that waited for the listing would wait for the test's own lock: fail, not hang
class SweepOffThePassTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private static final Duration EVERY = RecoveryTimes.DEFAULT.sweepEvery();
    private final EngineKit kit = EngineKit.start();
    private final FakeDnsProvider dns = new FakeDnsProvider();
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).liveness(86_400, 604_800)
            .dns(kit.dnsProvider("d", dns).id(), "z.test").build());
    private final VmProviderConfig provider = kit.vmProvider(zone, "p", 5, cloud);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aDueSweepRunsOnTheActuatorWhileThePassGoesOnAndAZonesSweepsNeverOverlap() {
        kit.runningAgent(zone, provider, cloud, FOUR);
        VmInstance orphan = cloud.plant(VmSpec.tags(EngineKit.INSTALLATION, zone.id(), "agorphan0001"));
        kit.pass(zone); // the zone's first pass on this manager orders no sweep
        kit.clock.advance(EVERY);

        synchronized (cloud) { // the fake cloud's listing waits for this block: no sweep can finish inside it
            kit.reconciler.reconcile(zone.id(), kit.clock.now(), LeaseGuard.NONE);
            assertThat(kit.actuator.busy("sweep " + zone.id())).as("the sweep waits on the cloud").isTrue();
            kit.clock.advance(EVERY);
            kit.reconciler.reconcile(zone.id(), kit.clock.now(), LeaseGuard.NONE); // due again, but one runs
            assertThat(kit.actuator.outstanding()).as("one sweep of the zone at a time").isEqualTo(1);
        }
        kit.settle();
        assertThat(cloud.listCalls()).isEqualTo(1);
        assertThat(cloud.deleteCalls()).as("within the grace period").isEmpty();

        kit.clock.advance(RecoveryTimes.DEFAULT.sweepGrace());
        kit.pass(zone);

        assertThat(cloud.deleteCalls()).containsExactly(orphan.instanceId());
        assertThat(kit.db.events.reasons("sweeper.vm_deleted")).singleElement().asString()
                .contains(orphan.instanceId());
    }

    @Test
    void aSweepWhoseLeasePassedToAnotherManagerBeforeItRanNeitherListsNorDeletes() {
        VmInstance orphan = cloud.plant(VmSpec.tags(EngineKit.INSTALLATION, zone.id(), "agorphan0001"));
        LeaseGuard lease = kit.lease(zone, "m1");
        passUnder(lease); // the first pass
        kit.clock.advance(EVERY);
        passUnder(lease); // the sweep that first sees the orphan
        assertThat(cloud.listCalls()).isEqualTo(1);
        kit.clock.advance(RecoveryTimes.DEFAULT.sweepGrace());

        // the zone's lane is busy, so the sweep the pass orders waits in it until the lease has moved
        CountDownLatch lane = new CountDownLatch(1);
        kit.actuator.submit(Sweeper.lane(zone.id()), 1, "ahead of the sweep", () -> {
            await(lane);
            return null;
        }, (nothing, error, at) -> { });
        kit.reconciler.reconcile(zone.id(), kit.clock.now(), lease);
        assertThat(kit.actuator.busy("sweep " + zone.id())).as("ordered, waiting in the lane").isTrue();
        kit.db.leases.release(zone.id(), "m1"); // m1 is gone and m2 holds the zone before the sweep starts
        kit.lease(zone, "m2");
        lane.countDown();
        kit.settle();

        assertThat(cloud.listCalls()).as("no listing under a lost lease").isEqualTo(1);
        assertThat(cloud.deleteCalls()).isEmpty();
        assertThat(cloud.describe(orphan.instanceId())).isPresent();
    }

    @Test
    void theSweepersDnsFailuresAreEventsOfItsOwnBesideTheRegistrationsAndItsRecoveryIsRecordedOnce() {
        dns.failWith(ProviderErrorClass.AUTH);
        kit.runningAgent(zone, provider, cloud, FOUR);
        kit.pass(zone); // the agent's registration fails; no sweep on the zone's first pass
        kit.clock.advance(EVERY);
        kit.pass(zone); // the sweep's listing fails (the registration backs off meanwhile)

        assertThat(kit.db.events.reasons(DnsZoneStatus.ERROR)).singleElement().asString()
                .startsWith("could not register ");
        assertThat(kit.db.events.reasons(DnsZoneStatus.SWEEPER_ERROR)).singleElement().asString()
                .startsWith("the sweeper could not list the records under z.test");
        DnsZoneStatus status = DnsZoneStatus.of(kit.db.events.all());
        assertThat(status.shown()).extracting(p -> p.event().kind())
                .containsExactly(DnsZoneStatus.ERROR, DnsZoneStatus.SWEEPER_ERROR);
        assertThat(status.tone()).isEqualTo(DnsZoneStatus.Tone.ERROR);

        dns.recover();
        for (int sweep = 0; sweep < 3; sweep++) {
            kit.clock.advance(EVERY);
            kit.pass(zone);
        }
        assertThat(kit.db.events.reasons(DnsZoneStatus.SWEEPER_LISTED)).as("once, when the listing worked again")
                .singleElement().asString().startsWith("the sweeper listed the ").endsWith(" A records under z.test");
        assertThat(DnsZoneStatus.of(kit.db.events.all()).shown()).extracting(p -> p.event().kind())
                .containsExactly(DnsZoneStatus.REGISTERED);
        assertThat(DnsZoneStatus.of(kit.db.events.all()).tone()).isEqualTo(DnsZoneStatus.Tone.OK);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void passUnder(LeaseGuard lease) {
        kit.reconciler.reconcile(zone.id(), kit.clock.now(), lease);
        kit.settle();
    }
}
