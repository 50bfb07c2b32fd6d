package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
            dns.upsertA("agorphan0001.sweep.test", "10.0.0.1", 60);
            dns.upsertA("www.sweep.test", "10.0.0.2", 60);

            s.advance(zone, Duration.ofMinutes(2));
            assertThat(vm.describe(orphan.instanceId())).as("within the grace period").isPresent();
            s.advance(zone, Duration.ofMinutes(10));

            assertThat(vm.describe(orphan.instanceId())).isEmpty();
            assertThat(vm.describe(foreign.instanceId())).as("another installation's VM").isPresent();
            assertThat(dns.listA("sweep.test")).extracting(DnsRecord::name).containsExactly("www.sweep.test");
            assertThat(s.eventReasons(zone, "sweeper.vm_deleted")).singleElement().asString()
                    .contains(orphan.instanceId());
            assertThat(s.eventReasons(zone, "sweeper.dns_deleted")).singleElement().asString()
                    .contains("agorphan0001.sweep.test");
        }
    }
}
