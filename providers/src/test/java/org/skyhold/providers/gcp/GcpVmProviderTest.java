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
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
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
            assertThat(v.privateIp()).startsWith("10.164.0.");
        });
        fake.boot(id);
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.RUNNING);
            assertThat(v.publicIp()).isEqualTo(fake.instance(id).orElseThrow().natIp).isNotNull();
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
}
