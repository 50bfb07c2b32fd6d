package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.VmSpec;

/** What Skyhold made and nobody owns is removed, after a grace period, and nothing else is touched. */
class SweeperScenarioTest {
    @Test
    void orphanedVmsAndAgentRecordsAreRemovedAfterTheGracePeriod() {
        try (Scenario s = Scenario.start()) {
            long dnsId = s.api.post("/api/v1/dns-providers", Map.of("kind", "simulated", "name", "sweep-dns"))
                    .body().get("id").asLong();
            long zone = s.zone(Map.of("standby_cores", 0, "register_dns", true, "dns_provider_id", dnsId,
                    "base_domain_name", "sweep.test"));
            long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 3600));
            var ports = s.app.engine().ports;
            var vm = ports.factory().vm(ports.vmProviders().find(provider).orElseThrow());
            // left behind by a crash: a tagged VM and a record, with no agent row
            var orphan = vm.create(new VmSpec("agorphan0001", "skyhold-agorphan0001", "",
                    VmSpec.tags(s.app.installationId(), zone, "agorphan0001"), "k-orphan", "http://x", "t"));
            var foreign = vm.create(new VmSpec("agforeign001", "x", "",
                    VmSpec.tags("another-installation", zone, "agforeign001"), "k-foreign", "http://x", "t"));
            var dns = ports.factory().dns(ports.dnsProviders().find(dnsId).orElseThrow());
            // the agent's row says it ended, but its record was written after it was deleted (a crash or a race
            // between a registration and the destroy): found by name under an agent id this installation created
            s.endedAgent(zone, provider, "agorphan0001");
            dns.upsertA("agorphan0001.sweep.test", "10.0.0.1", 60);
            dns.upsertA("www.sweep.test", "10.0.0.2", 60);
            // an agent of another installation on the same domain: nobody here registered it
            dns.upsertA("agforeign001.sweep.test", "10.0.0.3", 60);

            s.advance(zone, Duration.ofMinutes(2));
            assertThat(vm.describe(orphan.instanceId())).as("within the grace period").isPresent();
            s.advance(zone, Duration.ofMinutes(10));

            assertThat(vm.describe(orphan.instanceId())).isEmpty();
            assertThat(vm.describe(foreign.instanceId())).as("another installation's VM").isPresent();
            assertThat(dns.listA("sweep.test")).extracting(DnsRecord::name)
                    .containsExactlyInAnyOrder("www.sweep.test", "agforeign001.sweep.test");
            assertThat(s.eventReasons(zone, "sweeper.vm_deleted")).singleElement().asString()
                    .contains(orphan.instanceId());
            assertThat(s.eventReasons(zone, "sweeper.dns_deleted")).singleElement().asString()
                    .contains("agorphan0001.sweep.test");
        }
    }

    @Test
    void aRecordAnotherZoneRegisteredUnderTheSameDomainIsNeverDeleted() {
        try (Scenario s = Scenario.start()) {
            long dnsId = s.api.post("/api/v1/dns-providers", Map.of("kind", "simulated", "name", "shared-dns"))
                    .body().get("id").asLong();
            Map<String, Object> dnsFields = Map.of("register_dns", true, "dns_provider_id", dnsId,
                    "base_domain_name", "shared.test");
            long busy = s.zone(with(dnsFields, "standby_cores", 4));
            long quiet = s.zone(with(dnsFields, "standby_cores", 0));
            s.simProvider(busy, Map.of("sim_boot_seconds", 10));
            s.step(busy);
            s.advance(busy, Duration.ofSeconds(10));
            Scenario.await("the busy zone's agent runs", () -> s.agents(busy, AgentState.RUNNING).size() == 1);
            Agent agent = s.agents(busy).get(0);
            assertThat(agent.dnsName()).isEqualTo(agent.id() + ".shared.test");

            // the quiet zone's sweeper sees the record, and again after its grace period
            s.advance(quiet, Duration.ofMinutes(2));
            s.advance(quiet, Duration.ofMinutes(11));
            s.advance(busy, Duration.ofSeconds(1));

            assertThat(s.app.engine().simulated.records()).extracting(DnsRecord::name)
                    .as("the quiet zone's sweeper leaves the busy zone's record alone").contains(agent.dnsName());
            assertThat(s.eventReasons(quiet, "sweeper.dns_deleted")).isEmpty();
            assertThat(s.eventReasons(busy, "sweeper.dns_deleted")).isEmpty();
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
