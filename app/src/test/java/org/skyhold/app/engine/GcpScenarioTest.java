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
import org.skyhold.providers.gcp.FakeGcp;
import org.skyhold.providers.gcp.FakeGcpDns;
import org.skyhold.providers.gcp.FakeGcpInstance;
import org.skyhold.providers.gcp.GcpTestSettings;

/**
 * The real app (executor, PostgreSQL, HTTP check-in) with a {@code gcp} VM provider and DNS provider, through
 * google-cloud-compute and the Cloud DNS client, against the fake Google API, whose token endpoint verifies the
 * saved service-account key's signature. The fake boots an instance when the test says so, and its agent checks in
 * by running the check-in line of the {@code startup-script} metadata Skyhold inserted it with.
 */
class GcpScenarioTest {
    static final String CHECKIN = "#!/bin/sh\n# {server_id} on {zone_name}\n"
            + "curl -fsS -X POST -H 'Authorization: Bearer {checkin_token}' -H 'Content-Type: application/json' "
            + "-d '{{\"cores\":8,\"gpus\":1,\"memory_mb\":30720,\"hostname\":\"{server_hostname}\"}}' {checkin_url}\n";

    static Scenario s;
    FakeGcp gcp;
    /** The settings the last provider was saved with. */
    Map<String, Object> saved;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @BeforeEach
    void fake() {
        gcp = FakeGcp.start(SampleSettings.GCP_KEY.getPublic(), GcpTestSettings.CLIENT_EMAIL).sampleProject();
    }

    @AfterEach
    void stopFake() {
        gcp.close();
    }

    @Test
    void anAgentIsInsertedWithEverySeedFieldNamedInCloudDnsAndDeletedWithItsRecordWhenIdle() {
        long zone = s.zone(Map.of("standby_cores", 8, "register_dns", true, "dns_provider_id", dnsProvider(),
                "base_domain_name", SampleSettings.BASE_DOMAIN, "downscale_backoff", 60));
        long provider = gcpProvider(zone, Map.of());
        var tested = s.api.post("/api/v1/zones/" + zone + "/vm-providers/" + provider + "/test", Map.of()).body();
        assertThat(tested.get("ok").asBoolean()).as(tested.toString()).isTrue();
        assertThat(tested.get("message").asText()).contains("project vdi-prod-123 readable",
                "machine type n1-standard-8 offered in europe-west4-a");

        // standby asks for an agent: one insert, accepted at once, nothing in DNS while it provisions
        s.step(zone);
        Agent first = s.single(zone);
        assertThat(first.state()).isEqualTo(AgentState.STARTING);
        FakeGcpInstance vm = gcp.instances().get(0);
        assertThat(first.instanceId()).isEqualTo(vm.name);
        assertThat(gcp.calls("instances.insert")).singleElement()
                .satisfies(c -> assertThat(c.authenticated()).isTrue());
        everySeedFieldReached(vm, first, saved);
        String name = first.id() + "." + SampleSettings.BASE_DOMAIN;
        assertThat(gcp.records("example.com")).isEmpty();

        // it boots; the engine reads its external IP and names it; its agent checks in from the startup script
        gcp.boot(vm.name);
        s.step(zone);
        Scenario.await("the record is written", () -> !gcp.records("example.com").isEmpty());
        assertThat(gcp.records("example.com")).as("example.com is the longest zone holding the name")
                .containsExactly(new FakeGcpDns.RecordSet(name + ".", "A", 60, List.of(vm.natIp)));
        assertThat(gcp.runUserData(vm.name)).isEqualTo(200);
        Scenario.await("the agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        Agent running = s.single(zone);
        assertThat(running.dnsName()).isEqualTo(name);
        assertThat(running.publicIp()).isEqualTo(vm.natIp);
        assertThat(running.capacity().gpus()).isEqualTo(1);

        // once idle past the backoff, the agent goes with its record
        assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 0)).status()).isEqualTo(200);
        s.advance(zone, Duration.ofSeconds(30));
        assertThat(gcp.calls("instances.delete")).as("within the downscale backoff").isEmpty();
        s.advance(zone, Duration.ofSeconds(60));
        Scenario.await("the instance is being deleted", () -> !gcp.calls("instances.delete").isEmpty());
        assertThat(gcp.calls("instances.delete")).allSatisfy(c -> assertThat(c.path()).endsWith("/instances/" + vm.name));
        assertThat(gcp.records("example.com")).as("the record goes first").isEmpty();
        gcp.settle();
        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("the agent is destroyed", () -> s.agents(zone).isEmpty());
        assertThat(gcp.instances()).isEmpty();
        assertThat(gcp.calls("instances.insert")).hasSize(1);
        assertThat(gcp.calls()).allSatisfy(c -> assertThat(c.authenticated()).isTrue());
    }

    @Test
    void aThrottledComputeSlowsTheProviderDownWithoutLosingOrDuplicatingAnAgent() {
        gcp.failNext("instances.insert", 429, "rateLimitExceeded", "Rate Limit Exceeded", 30);
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = gcpProvider(zone, Map.of());
        s.step(zone);
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("throttled");
        assertThat(health.path("last_error").asText()).contains("rateLimitExceeded (HTTP 429): Rate Limit Exceeded");
        assertThat(health.path("backoff_until").asText()).isEqualTo(s.clock.instant().plusSeconds(30).toString());
        assertThat(s.agents(zone)).isEmpty();

        s.advance(zone, Duration.ofSeconds(10));
        assertThat(gcp.calls("instances.insert")).as("the provider rests while throttled").hasSize(1);
        s.advance(zone, Duration.ofSeconds(20));
        assertThat(gcp.calls("instances.insert")).hasSize(2);
        assertThat(gcp.instances()).hasSize(1);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(gcp.instances().get(0).name);
        });
    }

    @Test
    void anExhaustedZoneShowsOnTheZoneAndTheNextProviderTakesTheWork() {
        gcp.failInsertOperationsAlways("ZONE_RESOURCE_POOL_EXHAUSTED", "The zone 'projects/vdi-prod-123/zones/"
                + "europe-west4-a' does not have enough resources available to fulfill the request.", 503);
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = gcpProvider(zone, Map.of("priority", 0));
        long spare = s.simProvider(zone, Map.of("priority", 1));

        s.step(zone);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> assertThat(a.providerConfigId()).isEqualTo(spare));
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("capacity");
        assertThat(health.path("last_error").asText()).contains("ZONE_RESOURCE_POOL_EXHAUSTED",
                "does not have enough resources");
        assertThat(s.page("/zones/" + zone)).contains("capacity: Compute Engine ZONE_RESOURCE_POOL_EXHAUSTED");
        assertThat(gcp.instances()).isEmpty();
        s.advance(zone, Duration.ofSeconds(30));
        assertThat(s.agents(zone)).as("no second agent while the first is on its way").hasSize(1);
    }

    @Test
    void aKeyGoogleDoesNotKnowIsAnAuthErrorOnTheZonePage() {
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = gcpProvider(zone, Map.of("gcp_credentials", GcpTestSettings.keyFile(GcpTestSettings.rsa(),
                gcp.tokenUri(), "gcpKeyIdMARKER")));
        s.step(zone);
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("auth");
        assertThat(health.path("last_error").asText()).contains("invalid_grant", "Invalid JWT Signature");
        assertThat(gcp.calls("instances.insert")).as("no token, no call").isEmpty();
        assertThat(gcp.instances()).isEmpty();
    }

    /** Every GCP field of the seed, as the insert request carries it. */
    private static void everySeedFieldReached(FakeGcpInstance vm, Agent agent, Map<String, Object> seed) {
        JsonNode b = vm.insert;
        assertThat(vm.zone).isEqualTo(seed.get("gcp_zone"));
        assertThat(b.path("machineType").asText()).isEqualTo("zones/" + seed.get("gcp_zone") + "/machineTypes/"
                + seed.get("gcp_machine_type"));
        JsonNode disk = b.path("disks").path(0);
        assertThat(disk.path("initializeParams").path("sourceImage").asText()).isEqualTo(seed.get("gcp_image"));
        assertThat(disk.path("initializeParams").path("diskSizeGb").asText()).isEqualTo(seed.get("gcp_boot_volume_gb"));
        assertThat(disk.path("initializeParams").path("diskType").asText()).endsWith("/diskTypes/"
                + seed.get("gcp_disk_type"));
        assertThat(disk.path("diskEncryptionKey").path("kmsKeyName").asText()).isEqualTo(seed.get("gcp_cmek"));
        JsonNode nic = b.path("networkInterfaces").path(0);
        assertThat(nic.path("network").asText()).endsWith("/global/networks/" + seed.get("gcp_network"));
        assertThat(nic.path("subnetwork").asText()).isEqualTo("projects/" + seed.get("gcp_project") + "/regions/"
                + seed.get("gcp_region") + "/subnetworks/" + seed.get("gcp_subnetwork"));
        assertThat(nic.path("accessConfigs")).as("gcp_public_ip").hasSize(1);
        assertThat(b.path("tags").path("items").toString()).isEqualTo(seed.get("gcp_network_tags"));
        assertThat(vm.labels()).containsEntry("team", "vdi").containsEntry("skyhold-agent", agent.id())
                .containsEntry("skyhold-installation", s.app.installationId());
        assertThat(vm.metadata()).containsEntry("enable-oslogin", "TRUE");
        assertThat(vm.metadata().get("startup-script")).startsWith("#!/bin/sh\n# " + agent.id() + " on ")
                .contains("/api/v1/agent/checkin");
        assertThat(b.path("serviceAccounts").path(0).path("email").asText())
                .isEqualTo("agent@vdi-prod-123.iam.gserviceaccount.com");
        assertThat(b.path("guestAccelerators").path(0).path("acceleratorType").asText())
                .endsWith("/zones/" + seed.get("gcp_zone") + "/acceleratorTypes/nvidia-tesla-t4");
        assertThat(b.path("scheduling").path("automaticRestart").asText()).as("gcp_config_override").isEqualTo("false");
        assertThat(b.path("name").asText()).isEqualTo(agent.name());
        // gcp_credentials reached the token endpoint, which checked the JWT's signature; gcp_project is in the path
        assertThat(vm.requestId).isNotBlank();
    }

    private long dnsProvider() {
        return s.cloudDnsProvider("gcp", gcp.endpoint(), Map.of("gcp_credentials", GcpTestSettings.keyFile(SampleSettings.GCP_KEY, gcp.tokenUri(), "gcpKeyIdMARKER")));
    }

    private long gcpProvider(long zone, Map<String, Object> overrides) {
        Map<String, Object> fields = new HashMap<>(Map.of("startup_script", CHECKIN, "gcp_credentials", GcpTestSettings.keyFile(SampleSettings.GCP_KEY, gcp.tokenUri(), "gcpKeyIdMARKER")));
        fields.putAll(overrides);
        Scenario.Saved provider = s.cloudProvider(zone, "gcp", gcp.endpoint(), fields);
        saved = provider.settings();
        return provider.id();
    }
}
