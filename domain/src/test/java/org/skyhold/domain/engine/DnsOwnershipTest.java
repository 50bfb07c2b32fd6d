package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.FakeDnsProvider;
import org.skyhold.domain.testkit.FakeVmProvider;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/** The ownership registry: written before the cloud call, read by the destroy and the sweeper. */
class DnsOwnershipTest {
    private static final Capacity FOUR = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final FakeDnsProvider first = new FakeDnsProvider();
    private final FakeVmProvider cloud = kit.cloud(b -> b);

    @AfterEach
    void close() {
        kit.close();
    }

    private Zone zone(long dnsId) {
        return kit.zone(ZoneSettingsBuilder.zone("z").standby(4, 0, 0).liveness(86_400, 604_800)
                .dns(dnsId, "vdi.test").build());
    }

    @Test
    void theRegistryRowIsWrittenBeforeTheCloudCallSoAFailedCallLeavesNoRecordNobodyKnows() {
        Zone zone = zone(kit.dnsProvider("first", first).id());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        first.failWith(ProviderErrorClass.OTHER);
        Agent agent = kit.runningAgent(zone, p, cloud, FOUR);

        kit.pass(zone);

        assertThat(kit.db.dnsRecords.ofAgent(agent.id())).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(agent.id() + ".vdi.test");
            assertThat(r.value()).isEqualTo(agent.publicIp());
        });
        assertThat(kit.db.dnsRecords.isRegistered(agent.id())).isFalse();
        assertThat(kit.db.dnsRecords.errorOf(agent.id())).contains("the fake DNS zone refused");
        DnsFailures failing = kit.db.dnsRecords.failing(zone.id());
        assertThat(failing.summary()).startsWith("DNS failing for 1 agent: the fake DNS zone refused");

        first.recover();
        kit.clock.advance(Duration.ofSeconds(5));
        kit.pass(zone);
        assertThat(kit.db.dnsRecords.isRegistered(agent.id())).isTrue();
        assertThat(kit.db.dnsRecords.failing(zone.id())).isEqualTo(DnsFailures.NONE);
    }

    @Test
    void aDestroyDeletesTheRecordThroughTheProviderThatWroteItEvenAfterTheZoneMovedToAnother() {
        Zone zone = zone(kit.dnsProvider("first", first).id());
        VmProviderConfig p = kit.vmProvider(zone, "p", 5, cloud);
        Agent agent = kit.runningAgent(zone, p, cloud, FOUR);
        kit.pass(zone);
        assertThat(first.ipOf(agent.id() + ".vdi.test")).contains(agent.publicIp());

        FakeDnsProvider second = new FakeDnsProvider();
        long secondId = kit.dnsProvider("second", second).id();
        kit.db.zones.update(zone.id(), ZoneSettingsBuilder.zone("z").standby(4, 0, 0).liveness(86_400, 604_800)
                .dns(secondId, "vdi.test").build());
        Zone moved = kit.db.zones.find(zone.id()).orElseThrow();
        kit.destroyer.destroy(moved, kit.agent(agent.id()), "test", kit.clock.now(), LeaseGuard.NONE);

        assertThat(kit.agent(agent.id()).state()).isEqualTo(AgentState.DESTROYED);
        assertThat(first.ipOf(agent.id() + ".vdi.test")).isEmpty();
        assertThat(second.count("delete")).isZero();
        assertThat(kit.db.dnsRecords.ofAgent(agent.id())).isEmpty();
    }
}
