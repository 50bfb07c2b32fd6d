package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.providers.azure.FakeAzure;
import org.skyhold.providers.azure.FakeAzureDns;
import org.skyhold.providers.azure.TestTls;

/**
 * The real app (executor, PostgreSQL, HTTP check-in) with an {@code azure} VM provider and DNS provider, through the
 * Azure SDK over TLS, against the fake Azure, whose self-signed certificate the JVM trusts through
 * {@code javax.net.ssl.trustStore} as an operator's private CA would be. The fake boots a VM when the test says so,
 * and its agent checks in by running the check-in line of the base64 custom data Skyhold created it with.
 */
class AzureScenarioTest {
    static final String CHECKIN = OciScenarioTest.CHECKIN;

    static Scenario s;
    FakeAzure azure;
    Map<String, Object> saved;

    @BeforeAll
    static void start() {
        TestTls.trustInJvm();
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @BeforeEach
    void fake() {
        azure = FakeAzure.start(SampleSettings.vmProvider("azure").get("azure_client_secret"));
    }

    @AfterEach
    void stopFake() {
        azure.close();
    }

    @Test
    void anAgentIsAnAzureVmWithEverySeedFieldNamedInAzureDnsAndDeletedWithItsNicIpAndDiskWhenIdle() {
        long zone = s.zone(Map.of("standby_cores", 6, "register_dns", true, "dns_provider_id", dnsProvider(),
                "base_domain_name", SampleSettings.BASE_DOMAIN, "downscale_backoff", 60));
        long provider = azureProvider(zone, Map.of());
        var tested = s.api.post("/api/v1/zones/" + zone + "/vm-providers/" + provider + "/test", Map.of()).body();
        assertThat(tested.get("ok").asBoolean()).as(tested.toString()).isTrue();
        assertThat(tested.get("message").asText()).contains("VM size Standard_NV6ads_A10_v5 offered in westeurope");

        // standby asks for an agent: one PUT of the VM, accepted at once; nothing in DNS while there is no IP
        s.step(zone);
        Agent first = s.single(zone);
        assertThat(first.state()).isEqualTo(AgentState.STARTING);
        assertThat(first.instanceId()).isEqualTo("skyhold-" + first.id());
        assertThat(azure.calls("PutVm")).hasSize(1);
        everySeedFieldReached(azure.vm(first.instanceId()).orElseThrow().request, first);
        assertThat(azure.records("example.com")).isEmpty();

        // it boots; the engine reads the public IP resource's address and names it; the agent checks in
        azure.boot(first.instanceId());
        s.step(zone);
        String ip = azure.address(first.instanceId() + "-ip");
        assertThat(azure.records("example.com")).as("example.com is the longest zone holding the name")
                .containsExactly(new FakeAzureDns.RecordSet("example.com", first.id() + ".agents", 60, List.of(ip)));
        assertThat(azure.runCustomData(first.instanceId())).isEqualTo(200);
        Scenario.await("the agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        Agent running = s.single(zone);
        assertThat(running.publicIp()).isEqualTo(ip);
        assertThat(running.privateIp()).startsWith("10.1.0.");
        assertThat(running.dnsName()).isEqualTo(first.id() + "." + SampleSettings.BASE_DOMAIN);

        // idle past the backoff: the record goes first, then the VM with its NIC, public IP and disk
        assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 0)).status()).isEqualTo(200);
        s.advance(zone, Duration.ofSeconds(30));
        assertThat(azure.calls("DeleteVm")).as("within the downscale backoff").isEmpty();
        s.advance(zone, Duration.ofSeconds(60));
        Scenario.await("the VM is being deleted", () -> !azure.calls("DeleteVm").isEmpty());
        assertThat(azure.records("example.com")).isEmpty();
        azure.settle();
        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("the agent is destroyed", () -> s.agents(zone).isEmpty());
        assertThat(azure.vms()).isEmpty();
        assertThat(azure.nics()).isEmpty();
        assertThat(azure.publicIps()).isEmpty();
        assertThat(azure.disks()).isEmpty();
        assertThat(azure.calls("PutVm")).hasSize(1);
    }

    @Test
    void aThrottledAzureSlowsTheProviderDownWithoutLosingOrDuplicatingAnAgent() {
        azure.failNext("PutVm", 429, "TooManyRequests", "The request is being throttled.", 30);
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = azureProvider(zone, Map.of());
        s.step(zone);
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("throttled");
        assertThat(health.path("last_error").asText()).contains("TooManyRequests", "being throttled");
        assertThat(health.path("backoff_until").asText()).isEqualTo(s.clock.instant().plusSeconds(30).toString());

        s.advance(zone, Duration.ofSeconds(10));
        assertThat(azure.calls("PutVm")).as("the provider rests while throttled").hasSize(1);
        s.advance(zone, Duration.ofSeconds(20));
        assertThat(azure.calls("PutVm")).hasSize(2);
        assertThat(azure.vms()).hasSize(1);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(azure.vms().get(0).name);
        });
    }

    @Test
    void aRegionOutOfCapacityShowsOnTheZoneAndTheNextProviderTakesTheWork() {
        azure.failAlways("PutVm", 409, "SkuNotAvailable", "The requested VM size Standard_NV6ads_A10_v5 is currently "
                + "not available in location 'westeurope'.");
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = azureProvider(zone, Map.of("priority", 0));
        long spare = s.simProvider(zone, Map.of("priority", 1));

        s.step(zone);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> assertThat(a.providerConfigId()).isEqualTo(spare));
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("capacity");
        assertThat(s.page("/zones/" + zone)).contains("capacity: Azure Compute SkuNotAvailable");
        assertThat(azure.vms()).isEmpty();
        assertThat(azure.nics()).isEmpty();
    }

    @Test
    void aVmAzureFailsAfterAcceptingItIsDeletedAndTheNextOrderGoesToTheNextProvider() {
        long zone = s.zone(Map.of("standby_cores", 6));
        long provider = azureProvider(zone, Map.of("priority", 0));
        long spare = s.simProvider(zone, Map.of("priority", 1));
        s.step(zone);
        Agent first = s.single(zone);
        azure.failProvisioning(first.instanceId(), "AllocationFailed", "Allocation failed. We do not have "
                + "sufficient capacity for the requested VM size in this region.");

        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("the failed VM is being deleted", () -> !azure.calls("DeleteVm").isEmpty());
        azure.settle();
        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("a spare agent replaces it", () -> s.agents(zone).stream()
                .anyMatch(a -> a.providerConfigId() == spare));
        assertThat(s.providerHealth(zone, provider).path("last_error_class").asText()).isEqualTo("capacity");
        assertThat(s.providerHealth(zone, provider).path("last_error").asText()).contains("AllocationFailed");
        assertThat(azure.calls("PutVm")).as("no second VM into the full region").hasSize(1);
        assertThat(azure.vms()).isEmpty();
        assertThat(azure.nics()).isEmpty();
        assertThat(azure.disks()).isEmpty();
    }

    @Test
    void anOrphanedVmIsSweptWithItsPartsAndAnotherInstallationsVmIsNot() {
        long zone = s.zone(Map.of("standby_cores", 0));
        long provider = azureProvider(zone, Map.of());
        var ports = s.app.engine().ports;
        VmProvider vm = ports.factory().vm(ports.vmProviders().find(provider).orElseThrow());
        String orphan = vm.create(new VmSpec("agorphan0001", "skyhold-agorphan0001", "",
                VmSpec.tags(s.app.installationId(), zone, "agorphan0001"), "k-orphan", "http://x", "t")).instanceId();
        String foreign = vm.create(new VmSpec("agforeign001", "x", "",
                VmSpec.tags("another-installation", zone, "agforeign001"), "k-foreign", "http://x", "t")).instanceId();

        s.advance(zone, Duration.ofMinutes(2));
        assertThat(azure.vm(orphan).orElseThrow().provisioningState).as("within the grace period")
                .isEqualTo("Creating");
        s.advance(zone, Duration.ofMinutes(10));
        assertThat(azure.vm(orphan).orElseThrow().provisioningState).isEqualTo("Deleting");
        azure.settle();
        assertThat(azure.vms()).extracting(v -> v.name).containsExactly(foreign);
        assertThat(azure.nics()).containsExactly(foreign + "-nic");
        assertThat(azure.calls("ListVms")).isNotEmpty();
    }

    /** Every Azure field of the seed, as the VM request carries it. */
    private void everySeedFieldReached(JsonNode vm, Agent agent) {
        JsonNode p = vm.path("properties");
        assertThat(azure.calls("PutVm").get(0).path()).contains("/subscriptions/" + saved.get("azure_subscription_id")
                + "/resourceGroups/" + saved.get("azure_resource_group") + "/");
        assertThat(vm.path("location").asText()).isEqualTo(saved.get("azure_region"));
        assertThat(p.path("hardwareProfile").path("vmSize").asText()).isEqualTo(saved.get("azure_vm_size"));
        JsonNode disk = p.path("storageProfile").path("osDisk");
        assertThat(disk.path("managedDisk").path("storageAccountType").asText()).isEqualTo(saved.get("azure_os_disk_type"));
        assertThat(disk.path("diskSizeGB").asText()).isEqualTo(saved.get("azure_os_disk_size_gb"));
        assertThat(p.path("storageProfile").path("imageReference").toString())
                .isEqualTo(saved.get("azure_image_reference"));
        JsonNode nic = p.path("networkProfile").path("networkInterfaceConfigurations").path(0).path("properties");
        assertThat(nic.path("networkSecurityGroup").path("id").asText()).endsWith("/" + saved.get("azure_network_sg"));
        JsonNode ipConfig = nic.path("ipConfigurations").path(0).path("properties");
        assertThat(ipConfig.path("subnet").path("id").asText()).isEqualTo(saved.get("azure_subnet"));
        assertThat(ipConfig.path("publicIPAddressConfiguration").path("sku").path("name").asText())
                .as("azure_public_ip").isEqualTo("Standard");
        assertThat(vm.path("tags").path("team").asText()).as("azure_tags").isEqualTo("vdi");
        assertThat(vm.path("tags").path("skyhold-agent").asText()).isEqualTo(agent.id());
        assertThat(vm.path("tags").path("skyhold-installation").asText()).isEqualTo(s.app.installationId());
        JsonNode os = p.path("osProfile");
        assertThat(os.path("adminUsername").asText()).isEqualTo(saved.get("azure_os_username"));
        assertThat(os.path("adminPassword").asText()).isEqualTo(saved.get("azure_os_password"));
        assertThat(os.path("linuxConfiguration").path("ssh").path("publicKeys").path(0).path("keyData").asText())
                .isEqualTo(saved.get("azure_ssh_public_key"));
        assertThat(os.path("computerName").asText()).isEqualTo(agent.name());
        assertThat(p.path("priority").asText()).as("azure_config_override").isEqualTo("Spot");
        assertThat(p.path("evictionPolicy").asText()).isEqualTo("Deallocate");
        assertThat(p.path("billingProfile").path("maxPrice").asDouble()).isEqualTo(-1.0);
        assertThat(azure.vm(agent.instanceId()).orElseThrow().customData())
                .startsWith("#!/bin/sh\n# " + agent.id() + " on ").contains("/api/v1/agent/checkin");
        // tenant, client id, secret and cloud reached the token request the fake checked
        assertThat(azure.calls("Token")).isNotEmpty().allSatisfy(c -> assertThat(c.path())
                .isEqualTo("/" + saved.get("azure_tenant_id") + "/oauth2/v2.0/token"));
    }

    private long dnsProvider() {
        return s.cloudDnsProvider("azure", azure.endpoint(), Map.of());
    }

    private long azureProvider(long zone, Map<String, Object> overrides) {
        Map<String, Object> fields = new HashMap<>(Map.of("startup_script", CHECKIN));
        fields.putAll(overrides);
        Scenario.Saved provider = s.cloudProvider(zone, "azure", azure.endpoint(), fields);
        saved = provider.settings();
        return provider.id();
    }
}
