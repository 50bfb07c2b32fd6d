package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.providers.oci.FakeOci;
import org.skyhold.providers.oci.OciTestSettings;

/**
 * The real app (executor, PostgreSQL, HTTP check-in) with an {@code oci} VM provider and DNS provider, through the
 * OCI Java SDK, against the fake OCI, which verifies every request's signature with the public half of the seed's
 * API key. The fake boots an instance when the test says so, and its agent checks in by running the check-in line
 * of the base64 user data Skyhold launched it with.
 */
class OciScenarioTest {
    static final String CHECKIN = "#!/bin/sh\n# {server_id} on {zone_name}\n"
            + "curl -fsS -X POST -H 'Authorization: Bearer {checkin_token}' -H 'Content-Type: application/json' "
            + "-d '{{\"cores\":8,\"gpus\":0,\"memory_mb\":32768,\"hostname\":\"{server_hostname}\"}}' {checkin_url}\n";

    static Scenario s;
    FakeOci oci;
    /** The settings the last provider was saved with (the seed's SSH key is made anew on each call). */
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
        oci = FakeOci.start(OciTestSettings.publicKeyOf(SampleSettings.OCI_KEY)).sampleAccount();
    }

    @AfterEach
    void stopFake() {
        oci.close();
    }

    @Test
    void anAgentIsLaunchedWithEverySeedFieldNamedInOciDnsUsedAndTerminatedWithItsRecordWhenIdle() {
        long zone = s.zone(Map.of("standby_cores", 8, "register_dns", true, "dns_provider_id", dnsProvider(),
                "base_domain_name", SampleSettings.BASE_DOMAIN, "downscale_backoff", 60));
        long provider = ociProvider(zone, Map.of());
        var tested = s.api.post("/api/v1/zones/" + zone + "/vm-providers/" + provider + "/test", Map.of()).body();
        assertThat(tested.get("ok").asBoolean()).as(tested.toString()).isTrue();
        assertThat(tested.get("message").asText()).contains("availability domain Uocm:EU-FRANKFURT-1-AD-1 found",
                "shape VM.Standard.E4.Flex offered");

        // standby asks for an agent: one LaunchInstance, accepted at once, nothing in DNS while there is no IP
        s.step(zone);
        Agent first = s.single(zone);
        assertThat(first.state()).isEqualTo(AgentState.STARTING);
        FakeOci.Instance vm = oci.instances().get(0);
        assertThat(first.instanceId()).isEqualTo(vm.id);
        assertThat(oci.calls("LaunchInstance")).singleElement().satisfies(c -> {
            assertThat(c.authenticated()).isTrue();
            assertThat(c.headers()).containsEntry("opc-retry-token", "skyhold-" + first.id());
        });
        everySeedFieldReached(vm.launch, first, saved);
        assertThat(oci.records("example.com")).isEmpty();

        // it boots; the engine reads its VNIC's public IP and names it; its agent checks in from the user data
        oci.boot(vm.id);
        s.step(zone);
        String name = first.id() + "." + SampleSettings.BASE_DOMAIN;
        assertThat(oci.records("example.com")).as("example.com is the longest zone holding the name")
                .containsExactly(new FakeOci.Rec("example.com", name, vm.publicIp, 60));
        assertThat(oci.runUserData(vm.id)).isEqualTo(200);
        Scenario.await("the agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        Agent running = s.single(zone);
        assertThat(running.dnsName()).isEqualTo(name);
        assertThat(running.publicIp()).isEqualTo(vm.publicIp);
        assertThat(running.capacity().cores()).isEqualTo(8);

        // a session is placed on it; once it ends and the backoff passes, the idle agent goes with its record
        assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 0)).status()).isEqualTo(200);
        var session = s.requestSession(zone, s.image(2), "ann");
        assertThat(session.status()).as(session.raw()).isEqualTo(201);
        assertThat(session.body().get("agent_id").asText()).isEqualTo(first.id());
        assertThat(session.body().get("agent_address").asText()).isEqualTo(name);
        assertThat(s.api.delete("/api/v1/sessions/" + session.body().get("id").asText()).status()).isEqualTo(204);
        s.advance(zone, Duration.ofSeconds(30));
        assertThat(oci.calls("TerminateInstance")).as("within the downscale backoff").isEmpty();
        s.advance(zone, Duration.ofSeconds(60));
        Scenario.await("the instance is being terminated", () -> !oci.calls("TerminateInstance").isEmpty());
        assertThat(oci.calls("TerminateInstance")).as("repeated while OCI terminates it").allSatisfy(c -> {
            assertThat(c.path()).endsWith("/instances/" + vm.id);
            assertThat(c.query()).containsEntry("preserveBootVolume", "false");
        });
        assertThat(oci.records("example.com")).as("the record goes first").isEmpty();
        oci.settle();
        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("the agent is destroyed", () -> s.agents(zone).isEmpty());
        assertThat(oci.live()).isEmpty();
        assertThat(oci.calls("LaunchInstance")).hasSize(1);
        assertThat(oci.calls()).allSatisfy(c -> assertThat(c.authenticated()).isTrue());
    }

    @Test
    void aWrongKeyIsRefusedByOciAndShowsAsAnAuthErrorOnTheZonePage() {
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = ociProvider(zone, Map.of("oci_private_key", SampleSettings.OTHER_SECRETS.get("oci_private_key")));
        s.step(zone);
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("auth");
        assertThat(health.path("last_error").asText()).contains("OCI Compute NotAuthenticated (HTTP 401)");
        assertThat(s.page("/zones/" + zone)).contains("auth: OCI Compute NotAuthenticated");
        assertThat(oci.calls("LaunchInstance")).singleElement().satisfies(c -> assertThat(c.authenticated()).isFalse());
        assertThat(oci.instances()).isEmpty();
    }

    @Test
    void aThrottledOciSlowsTheProviderDownWithoutLosingOrDuplicatingAnAgent() {
        oci.failNext("LaunchInstance", 429, "TooManyRequests", "Too many requests for the tenancy.", 30);
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = ociProvider(zone, Map.of());
        s.step(zone);
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("throttled");
        assertThat(health.path("last_error").asText()).contains("TooManyRequests", "Too many requests");
        assertThat(health.path("backoff_until").asText()).isEqualTo(s.clock.instant().plusSeconds(30).toString());
        assertThat(s.agents(zone)).isEmpty();

        s.advance(zone, Duration.ofSeconds(10));
        assertThat(oci.calls("LaunchInstance")).as("the provider rests while throttled").hasSize(1);
        s.advance(zone, Duration.ofSeconds(20));
        assertThat(oci.calls("LaunchInstance")).hasSize(2);
        assertThat(oci.instances()).hasSize(1);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(oci.instances().get(0).id);
        });
        assertThat(s.agents(zone, AgentState.FAILED)).as("the throttled attempt is history, not an instance")
                .singleElement().satisfies(a -> assertThat(a.instanceId()).isNull());
    }

    @Test
    void anOutOfCapacityOciShowsOnTheZoneAndTheNextProviderTakesTheWork() {
        oci.failAlways("LaunchInstance", 500, "InternalError", "Out of host capacity.");
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = ociProvider(zone, Map.of("priority", 0));
        long spare = s.simProvider(zone, Map.of("priority", 1));

        s.step(zone);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> assertThat(a.providerConfigId()).isEqualTo(spare));
        JsonNode health = s.providerHealth(zone, provider);
        assertThat(health.path("last_error_class").asText()).isEqualTo("capacity");
        assertThat(health.path("last_error").asText()).contains("Out of host capacity.");
        assertThat(s.page("/zones/" + zone)).contains("capacity: OCI Compute InternalError");
        assertThat(oci.instances()).isEmpty();
        s.advance(zone, Duration.ofSeconds(30));
        assertThat(s.agents(zone)).as("no second agent while the first is on its way").hasSize(1);
    }

    @Test
    void anOrphanedInstanceAndItsRecordAreSweptAndAnotherInstallationsInstanceIsNot() {
        long dnsId = dnsProvider();
        long zone = s.zone(Map.of("standby_cores", 0, "register_dns", true, "dns_provider_id", dnsId,
                "base_domain_name", SampleSettings.BASE_DOMAIN));
        long provider = ociProvider(zone, Map.of());
        var ports = s.app.engine().ports;
        VmProvider vm = ports.factory().vm(ports.vmProviders().find(provider).orElseThrow());
        // left behind by a crash: a tagged instance and the record of its agent, which this installation created
        // and which has ended
        s.endedAgent(zone, provider, "agorphan0001");
        String orphan = vm.create(new VmSpec("agorphan0001", "skyhold-agorphan0001", "",
                VmSpec.tags(s.app.installationId(), zone, "agorphan0001"), "k-orphan", "http://x", "t")).instanceId();
        String foreign = vm.create(new VmSpec("agforeign001", "x", "",
                VmSpec.tags("another-installation", zone, "agforeign001"), "k-foreign", "http://x", "t")).instanceId();
        DnsProvider dns = ports.factory().dns(ports.dnsProviders().find(dnsId).orElseThrow());
        dns.upsertA("agorphan0001." + SampleSettings.BASE_DOMAIN, "130.61.0.1", 60);
        dns.upsertA("www." + SampleSettings.BASE_DOMAIN, "130.61.0.2", 60);

        s.advance(zone, Duration.ofMinutes(2));
        assertThat(oci.instance(orphan).orElseThrow().state).as("within the grace period").isEqualTo("PROVISIONING");
        s.advance(zone, Duration.ofMinutes(10));

        assertThat(oci.instance(orphan).orElseThrow().state).isEqualTo("TERMINATING");
        assertThat(oci.instance(foreign).orElseThrow().state).as("another installation's").isEqualTo("PROVISIONING");
        assertThat(oci.records("example.com")).extracting(FakeOci.Rec::domain)
                .containsExactly("www." + SampleSettings.BASE_DOMAIN);
        assertThat(oci.calls("ListInstances")).isNotEmpty();
        assertThat(oci.calls("GetZoneRecords")).isNotEmpty();
    }

    @Test
    void anAshburnStyleAvailabilityDomainIsAccepted() {
        long zone = s.zone(Map.of("standby_cores", 0));
        long provider = ociProvider(zone, Map.of("oci_availability_domain", "Uocm:US-ASHBURN-AD-1"));
        assertThat(s.api.get("/api/v1/zones/" + zone + "/vm-providers/" + provider).body().toString())
                .contains("Uocm:US-ASHBURN-AD-1");
    }

    /** Every OCI field of the seed, as the launch request carries it. */
    private static void everySeedFieldReached(JsonNode b, Agent agent, Map<String, Object> seed) {
        assertThat(b.path("compartmentId").asText()).isEqualTo(seed.get("oci_compartment_ocid"));
        assertThat(b.path("availabilityDomain").asText()).isEqualTo(seed.get("oci_availability_domain"));
        assertThat(b.path("shape").asText()).isEqualTo(seed.get("oci_shape"));
        assertThat(b.path("shapeConfig").path("ocpus").asText()).isEqualTo(seed.get("oci_flex_cpus") + ".0");
        assertThat(b.path("shapeConfig").path("memoryInGBs").asText()).isEqualTo(seed.get("oci_flex_memory_gb") + ".0");
        assertThat(b.path("sourceDetails").path("imageId").asText()).isEqualTo(seed.get("oci_image_ocid"));
        assertThat(b.path("sourceDetails").path("bootVolumeSizeInGBs").asText())
                .isEqualTo(seed.get("oci_boot_volume_gb"));
        assertThat(b.path("createVnicDetails").path("subnetId").asText()).isEqualTo(seed.get("oci_subnet_ocid"));
        assertThat(b.path("metadata").path("ssh_authorized_keys").asText()).isEqualTo(seed.get("oci_ssh_public_key"));
        assertThat(b.path("freeformTags").path("team").asText()).as("oci_custom_tags").isEqualTo("vdi");
        assertThat(b.path("freeformTags").path("skyhold-agent").asText()).isEqualTo(agent.id());
        assertThat(b.path("freeformTags").path("skyhold-installation").asText()).isEqualTo(s.app.installationId());
        assertThat(b.path("displayName").asText()).isEqualTo(agent.name());
        String userData = new String(Base64.getDecoder().decode(b.path("metadata").path("user_data").asText()),
                StandardCharsets.UTF_8);
        assertThat(userData).startsWith("#!/bin/sh\n# " + agent.id() + " on ").contains("/api/v1/agent/checkin");
        // the credentials fields (user, fingerprint, key, region, tenancy) reached the signature the fake verified
    }

    private long dnsProvider() {
        return s.cloudDnsProvider("oci", oci.endpoint(), Map.of());
    }

    private long ociProvider(long zone, Map<String, Object> overrides) {
        Map<String, Object> fields = new HashMap<>(Map.of("startup_script", CHECKIN));
        fields.putAll(overrides);
        Scenario.Saved provider = s.cloudProvider(zone, "oci", oci.endpoint(), fields);
        saved = provider.settings();
        return provider.id();
    }
}
