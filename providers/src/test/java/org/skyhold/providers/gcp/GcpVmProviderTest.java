package org.skyhold.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.LostAnswers;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/** The {@code gcp} VM provider through google-cloud-compute's REST transport against the fake Google APIs. */
class GcpVmProviderTest {
    FakeGcp fake;
    VmProvider provider;
    final List<VmProvider> others = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeGcp.start(GcpTestSettings.KEY.getPublic(), GcpTestSettings.CLIENT_EMAIL).sampleProject();
        provider = new GcpVmKind().create(GcpTestSettings.vm(fake, Map.of()));
    }

    @AfterEach
    void stop() throws Exception {
        for (VmProvider p : others) {
            ((AutoCloseable) p).close();
        }
        ((AutoCloseable) provider).close();
        fake.close();
    }

    @Test
    void anInsertCarriesEveryFieldOfTheSettingsAndReturnsOnceTheOperationIsDone() {
        VmSpec spec = GcpTestSettings.spec("inst-1", "a1b2c3");
        VmInstance made = provider.create(spec);

        assertThat(made.instanceId()).isEqualTo("skyhold-a1b2c3");
        assertThat(made.state()).isEqualTo(VmState.CREATING);
        assertThat(made.publicIp()).isNull();
        assertThat(fake.calls()).extracting(FakeGcp.Call::method).as("a token, the insert, one poll of its operation")
                .containsExactly("token", "instances.insert", "zoneOperations.get");
        FakeGcp.Call call = fake.calls("instances.insert").get(0);
        assertThat(call.authenticated()).isTrue();
        assertThat(call.path()).isEqualTo("/compute/v1/projects/vdi-prod-123/zones/europe-west4-a/instances");
        assertThat(call.query().get("requestId")).isEqualTo(UUID.nameUUIDFromBytes(
                "skyhold-insert:skyhold-a1b2c3".getBytes()).toString());
        JsonNode b = call.body();
        assertThat(b.path("name").asText()).isEqualTo("skyhold-a1b2c3");
        assertThat(b.path("machineType").asText()).isEqualTo("zones/europe-west4-a/machineTypes/n1-standard-8");
        JsonNode disk = b.path("disks").path(0);
        assertThat(disk.path("boot").asBoolean()).isTrue();
        assertThat(disk.path("autoDelete").asBoolean()).isTrue();
        assertThat(disk.path("initializeParams").path("sourceImage").asText()).isEqualTo(FakeGcp.IMAGE);
        assertThat(disk.path("initializeParams").path("diskSizeGb").asText()).isEqualTo("100");
        assertThat(disk.path("initializeParams").path("diskType").asText())
                .isEqualTo("zones/europe-west4-a/diskTypes/pd-ssd");
        assertThat(disk.path("diskEncryptionKey").path("kmsKeyName").asText()).isEqualTo(GcpFields.CMEK.example());
        JsonNode nic = b.path("networkInterfaces").path(0);
        assertThat(nic.path("network").asText()).isEqualTo("projects/vdi-prod-123/global/networks/vdi");
        assertThat(nic.path("subnetwork").asText())
                .isEqualTo("projects/vdi-prod-123/regions/europe-west4/subnetworks/vdi-agents");
        assertThat(nic.path("accessConfigs").path(0).path("type").asText()).isEqualTo("ONE_TO_ONE_NAT");
        assertThat(b.path("tags").path("items").toString()).isEqualTo("[\"vdi-agent\",\"https\"]");
        assertThat(fake.instance("skyhold-a1b2c3").orElseThrow().labels()).containsEntry("team", "vdi")
                .containsEntry(VmSpec.TAG_INSTALLATION, "inst-1").containsEntry(VmSpec.TAG_ZONE, "7")
                .containsEntry(VmSpec.TAG_AGENT, "a1b2c3").hasSize(4);
        assertThat(fake.instance("skyhold-a1b2c3").orElseThrow().metadata())
                .containsExactly(Map.entry("enable-oslogin", "TRUE"), Map.entry("startup-script", spec.userData()));
        assertThat(b.path("serviceAccounts").path(0).path("email").asText())
                .isEqualTo("agent@vdi-prod-123.iam.gserviceaccount.com");
        assertThat(b.path("serviceAccounts").path(0).path("scopes").toString())
                .isEqualTo("[\"https://www.googleapis.com/auth/cloud-platform\"]");
        assertThat(b.path("guestAccelerators").path(0).path("acceleratorType").asText())
                .isEqualTo("projects/vdi-prod-123/zones/europe-west4-a/acceleratorTypes/nvidia-tesla-t4");
        assertThat(b.path("guestAccelerators").path(0).path("acceleratorCount").asInt()).isEqualTo(1);
        assertThat(b.path("scheduling").path("onHostMaintenance").asText()).isEqualTo("TERMINATE");
        assertThat(b.path("scheduling").path("automaticRestart").isBoolean()).as("from the override").isTrue();
        assertThat(b.path("scheduling").path("automaticRestart").asBoolean()).isFalse();
    }

    @Test
    void describeFollowsTheInstanceToRunningWithItsInternalAndExternalIp() {
        String id = provider.create(GcpTestSettings.spec("inst-1", "d1")).instanceId();
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.CREATING);
            assertThat(v.publicIp()).as("assigned at running").isNull();
            assertThat(v.privateIp()).as("given with the external one").isNull();
        });
        fake.boot(id);
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.RUNNING);
            assertThat(v.publicIp()).isEqualTo(fake.instance(id).orElseThrow().natIp).isNotNull();
            assertThat(v.privateIp()).isEqualTo(fake.instance(id).orElseThrow().networkIp);
            assertThat(v.tags()).containsEntry(VmSpec.TAG_AGENT, "d1");
        });
    }

    @Test
    void theAgentSizeIsTheMachineTypesWithTheGuestAccelerators() {
        assertThat(provider.lookupCapacity()).isEqualTo(new Capacity(8, 1, 30720));
        assertThat(provider.expectedCapacity()).contains(new Capacity(8, 1, 30720));
    }

    @Test
    void aWrongKeyIsRefusedAtTheTokenEndpointAndIsAnAuthError() throws Exception {
        VmProvider wrong = new GcpVmKind().create(GcpTestSettings.settings(GcpFields.VM, fake, Map.of(),
                GcpTestSettings.rsa()));
        others.add(wrong);
        assertThatThrownBy(() -> wrong.create(GcpTestSettings.spec("inst-1", "w1")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH);
                    assertThat(e.getMessage()).contains("Invalid JWT Signature");
                });
        assertThat(fake.instances()).isEmpty();
    }

    @Test
    void aZoneOutOfResourcesIsACapacityErrorFromTheOperationAndLeavesNoInstance() {
        fake.failNextInsertOperation("ZONE_RESOURCE_POOL_EXHAUSTED", "The zone 'projects/vdi-prod-123/zones/"
                + "europe-west4-a' does not have enough resources available to fulfill the request.", 503);
        assertThatThrownBy(() -> provider.create(GcpTestSettings.spec("inst-1", "x1")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.CAPACITY);
                    assertThat(e.getMessage()).contains("ZONE_RESOURCE_POOL_EXHAUSTED", "does not have enough resources",
                            "HTTP 503");
                });
        assertThat(fake.instances()).isEmpty();
        assertThat(fake.calls("zoneOperations.get")).as("the code is only in the operation").hasSize(1);
    }

    @Test
    void anInstanceQuotaReachedIsAQuotaErrorFromTheOperation() {
        fake.instanceLimit(1);
        provider.create(GcpTestSettings.spec("inst-1", "q1"));
        assertThatThrownBy(() -> provider.create(GcpTestSettings.spec("inst-1", "q2")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.QUOTA);
                    assertThat(e.getMessage()).contains("QUOTA_EXCEEDED", "Quota 'INSTANCES' exceeded");
                });
        assertThat(fake.instances()).hasSize(1);
    }

    @Test
    void aRetriedInsertIsTheSameRequestAndAnInstanceOfTheAgentMadeEarlierIsTakenAsIs() {
        VmInstance first = provider.create(GcpTestSettings.spec("inst-1", "r1"));
        VmInstance again = provider.create(GcpTestSettings.spec("inst-1", "r1"));
        assertThat(again.instanceId()).isEqualTo(first.instanceId());
        assertThat(fake.calls("instances.insert")).extracting(c -> c.query().get("requestId")).as("one request id")
                .hasSize(2).containsOnly(fake.instances().get(0).requestId);
        VmSpec otherKey = new VmSpec("r1", "skyhold-r1", "#!/bin/sh\n", VmSpec.tags("inst-1", 7, "r1"), "another-key",
                "http://127.0.0.1:1/checkin", "tok");
        assertThat(provider.create(otherKey).instanceId()).as("409 alreadyExists: the agent's instance")
                .isEqualTo(first.instanceId());
        assertThat(fake.instances()).hasSize(1);
    }

    @Test
    void anInsertWhoseAnswerWasLostIsRetriedAsTheSameRequestAndMakesNoSecondInstance() {
        VmSpec spec = GcpTestSettings.spec("inst-1", "lost01");
        fake.loseNextAnswer("instances.insert");
        assertThatThrownBy(() -> provider.create(spec)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
            // no answer is no HTTP status: the engine must ask again, not give the agent up (and order another)
            assertThat(e.httpStatus()).isZero();
            assertThat(LostAnswers.isLost(e)).as("a lost answer: " + e.getMessage()).isTrue();
        });
        assertThat(fake.instances()).as("GCE made it; the answer was lost").hasSize(1);

        VmInstance again = provider.create(spec);
        assertThat(again.instanceId()).isEqualTo(fake.instances().get(0).name);
        assertThat(fake.instances()).hasSize(1);
        assertThat(fake.calls("instances.insert")).hasSize(2).extracting(c -> c.query().get("requestId"))
                .containsOnly(fake.instances().get(0).requestId);
    }

    @Test
    void deleteStopsTheInstanceAndAGoneOrUnknownInstanceIsGone() {
        String id = provider.create(GcpTestSettings.spec("inst-1", "t1")).instanceId();
        fake.boot(id);
        provider.delete(id);
        assertThat(fake.calls("instances.delete")).singleElement()
                .satisfies(c -> assertThat(c.path()).endsWith("/zones/europe-west4-a/instances/" + id));
        assertThat(provider.describe(id)).get().extracting(VmInstance::state).isEqualTo(VmState.DELETING);
        fake.settle();
        assertThat(provider.describe(id)).isEmpty();
        provider.delete(id); // 404: already gone, success
        assertThat(provider.describe("skyhold-never")).isEmpty();
    }

    @Test
    void listTaggedReadsEveryPageOfTheInstallationsLabelFilter() {
        fake.maxPerPage(2);
        for (int i = 0; i < 5; i++) {
            provider.create(GcpTestSettings.spec("inst-1", "l" + i));
        }
        provider.create(GcpTestSettings.spec("someone-else", "x1"));
        int before = fake.calls("instances.list").size();
        assertThat(provider.listTagged("inst-1")).extracting(v -> v.tags().get(VmSpec.TAG_AGENT))
                .containsExactlyInAnyOrder("l0", "l1", "l2", "l3", "l4");
        assertThat(fake.calls("instances.list").size() - before).as("5 instances, 2 a page").isEqualTo(3);
        assertThat(fake.calls("instances.list")).allSatisfy(c -> assertThat(c.query())
                .containsEntry("filter", "labels.skyhold-installation = \"inst-1\""));
    }

    @Test
    void theOverrideIsDeepMergedIntoTheInstanceAndAnEndpointWithATrailingSlashWorks() {
        VmProvider p = other(Map.of("gcp_config_override", "{\"scheduling\":{\"preemptible\":true},"
                + "\"shieldedInstanceConfig\":{\"enableSecureBoot\":true},\"tags\":{\"items\":[\"only\"]}}"),
                fake.endpoint() + "/");
        p.create(GcpTestSettings.spec("inst-1", "o1"));
        JsonNode b = fake.calls("instances.insert").get(0).body();
        assertThat(b.path("scheduling").path("preemptible").asBoolean()).isTrue();
        assertThat(b.path("scheduling").path("onHostMaintenance").asText()).as("Skyhold's kept").isEqualTo("TERMINATE");
        assertThat(b.path("shieldedInstanceConfig").path("enableSecureBoot").asBoolean()).isTrue();
        assertThat(b.path("tags").path("items").toString()).as("a list is replaced").isEqualTo("[\"only\"]");
        assertThat(b.path("name").asText()).isEqualTo("skyhold-o1");
    }

    @Test
    void testConnectionChecksTheProjectMachineTypeImageNetworkAndSubnetwork() {
        assertThat(provider.testConnection()).contains("project vdi-prod-123 readable",
                "machine type n1-standard-8 offered in europe-west4-a (8 vCPUs, 30720 MB, 1 GPUs)",
                "image projects/vdi-prod-123/global/images/agent-v7 found", "network vdi found", "subnetwork vdi-agents found in europe-west4");
        assertThat(fake.calls()).extracting(FakeGcp.Call::method).containsExactly("token", "projects.get",
                "machineTypes.get", "images.get", "networks.get", "subnetworks.get");
        VmProvider missing = other(Map.of("gcp_image", "projects/vdi-prod-123/global/images/nope"), fake.endpoint());
        assertThatThrownBy(missing::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
            assertThat(e.getMessage()).startsWith("image projects/vdi-prod-123/global/images/nope: Compute Engine "
                    + "notFound (HTTP 404)");
        });
        VmProvider offered = other(Map.of("gcp_machine_type", "n2-standard-64"), fake.endpoint());
        assertThatThrownBy(offered::testConnection).hasMessageContaining("machine type n2-standard-64 in "
                + "europe-west4-a: Compute Engine notFound (HTTP 404)");
    }

    /** Another provider on the same fake with some fields changed; closed after the test. */
    private VmProvider other(Map<String, String> overrides, String endpoint) {
        var s = GcpTestSettings.vm(fake, overrides);
        VmProvider p = new GcpVmKind().create(new KindSettings(s.fields(), s.secrets(), endpoint));
        others.add(p);
        return p;
    }
}
