package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeDnsProvider;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/**
 * The sweeper in DNS deletes only what this installation registered and whose agent is gone, after its grace
 * period; two zones sharing a domain, and records other installations wrote there, are left alone.
 */
class SweeperTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final FakeDnsProvider dns = new FakeDnsProvider();
    private final FakeVmProvider cloud = kit.cloud(b -> b);
    private Zone busy;
    private Zone quiet;
    private VmProviderConfig busyProvider;

    @BeforeEach
    void zones() {
        long dnsId = kit.dnsProvider("shared", dns).id();
        busy = kit.zone(ZoneSettingsBuilder.zone("busy").standby(4, 0, 0).liveness(86_400, 604_800)
                .dns(dnsId, "shared.test").build());
        quiet = kit.zone(ZoneSettingsBuilder.zone("quiet").dns(dnsId, "shared.test").build());
        busyProvider = kit.vmProvider(busy, "p", 5, cloud);
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aRecordAnotherZoneRegisteredUnderTheSameDomainIsNeverDeleted() {
        Agent agent = kit.runningAgent(busy, busyProvider, cloud, FOUR);
        kit.pass(busy);
        assertThat(dns.ipOf(agent.id() + ".shared.test")).isPresent();

        sweepTwiceAcrossTheGracePeriod(quiet);

        assertThat(dns.ipOf(agent.id() + ".shared.test")).as("the busy zone's live agent's record").isPresent();
        assertThat(dns.count("delete")).isZero();
    }

    @Test
    void anAgentShapedRecordNobodyHereRegisteredIsNeverDeleted() {
        dns.plant("agforeign001.shared.test", "198.51.100.7");

        sweepTwiceAcrossTheGracePeriod(busy);
        sweepTwiceAcrossTheGracePeriod(quiet);

        assertThat(dns.ipOf("agforeign001.shared.test")).contains("198.51.100.7");
    }

    @Test
    void aRecordRegisteredForAnAgentThatEndedIsDeletedByItsZoneAfterTheGracePeriod() {
        Agent agent = kit.runningAgent(busy, busyProvider, cloud, FOUR);
        kit.pass(busy);
        // a crash ended the agent's row without its destroy: the record and its registry row remain
        kit.db.agents.updateIf(kit.agent(agent.id()).withState(AgentState.FAILED, kit.clock.now()),
                EnumSet.of(AgentState.RUNNING));

        kit.clock.advance(Duration.ofMinutes(5));
        kit.pass(busy);
        assertThat(dns.ipOf(agent.id() + ".shared.test")).as("within the grace period").isPresent();
        kit.clock.advance(Duration.ofMinutes(6));
        kit.pass(busy);

        assertThat(dns.ipOf(agent.id() + ".shared.test")).isEmpty();
        assertThat(kit.db.events.list(busy.id(), null, "sweeper.dns_deleted", null, 10)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains(agent.id(), "registered"));
    }

    @Test
    void aRecordWrittenAfterItsAgentsDestroyIsFoundByNameAndDeleted() {
        Agent agent = kit.runningAgent(busy, busyProvider, cloud, FOUR);
        kit.destroyer.destroy(busy, agent, "test", kit.clock.now(), LeaseGuard.NONE);
        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(dns.ipOf(agent.id() + ".shared.test")).isEmpty();
        // a registration that raced the destroy lands after it, with no registry row
        dns.upsertA(agent.id() + ".shared.test", agent.publicIp(), 60);

        sweepTwiceAcrossTheGracePeriod(busy);

        assertThat(dns.ipOf(agent.id() + ".shared.test")).isEmpty();
        sweepTwiceAcrossTheGracePeriod(quiet);
        assertThat(dns.count("delete")).as("deleted once, by the agent's own zone").isEqualTo(1);
    }

    /**
     * Found by two managers under load (docs/reliability.md): a manager that took over 50 zones swept each of them
     * in its first pass, a listing of all the installation's VMs per zone on the zone workers, so the last zones
     * were taken over 30 s after the kill with a lease of 15 s.
     */
    @Test
    void aZonesFirstPassOnAManagerDoesNotWaitOnAListingOfTheCloudItsFirstSweepFollowsWithinAMinute() {
        kit.pass(busy); // a start or a take-over: the first pass of the zone on this manager
        assertThat(cloud.listCalls()).as("the first pass plans and acts without listing the cloud").isZero();

        kit.clock.advance(RecoveryTimes.DEFAULT.sweepEvery());
        kit.pass(busy);
        assertThat(cloud.listCalls()).as("swept within a minute").isEqualTo(1);
    }

    @Test
    void zonesTakenOverTogetherAreSweptAtDifferentMoments() {
        Duration every = RecoveryTimes.DEFAULT.sweepEvery();
        assertThat(Sweeper.firstSweepDelay(1, every)).isNotEqualTo(Sweeper.firstSweepDelay(2, every));
        for (long zone = 1; zone < 200; zone++) {
            assertThat(Sweeper.firstSweepDelay(zone, every)).isPositive().isLessThanOrEqualTo(every);
        }
    }

    /**
     * The zone's first pass (which does not sweep), a sweep, then another more than the grace period later (the
     * second deletes what the first saw).
     */
    private void sweepTwiceAcrossTheGracePeriod(Zone zone) {
        kit.pass(zone);
        kit.clock.advance(Duration.ofMinutes(2));
        kit.pass(zone);
        kit.clock.advance(Duration.ofMinutes(11));
        kit.pass(zone);
    }
}
