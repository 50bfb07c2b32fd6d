package org.skyhold.providers.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** The {@code oci} VM provider through the real OCI SDK against the fake OCI, which checks every signature. */
class OciVmProviderTest {
    FakeOci fake;
    VmProvider provider;
    final List<VmProvider> others = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeOci.start(OciTestSettings.KEY.getPublic()).sampleAccount();
        provider = new OciVmKind().create(OciTestSettings.vm(fake, Map.of()));
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
    void aLaunchCarriesEveryFieldOfTheSettingsAndReturnsAtOnceWhileTheInstanceIsProvisioning() {
        VmSpec spec = OciTestSettings.spec("inst-1", "a1b2c3");
        VmInstance made = provider.create(spec);

        assertThat(made.state()).isEqualTo(VmState.CREATING);
        assertThat(made.publicIp()).isNull();
        assertThat(fake.calls()).extracting(FakeOci.Call::operation).as("one call: create does not wait")
                .containsExactly("LaunchInstance");
        FakeOci.Call call = fake.calls("LaunchInstance").get(0);
        assertThat(call.authenticated()).isTrue();
        assertThat(call.headers()).containsEntry("opc-retry-token", "skyhold-a1b2c3");
        assertThat(call.headers().get("authorization")).contains("keyId=\"" + FakeOci.TENANCY + "/" + FakeOci.USER
                + "/" + FakeOci.FINGERPRINT + "\"", "algorithm=\"rsa-sha256\"",
                "headers=\"date (request-target) host content-length content-type x-content-sha256\"");
        JsonNode b = call.body();
        assertThat(b.path("compartmentId").asText()).isEqualTo(OciFields.COMPARTMENT.example());
        assertThat(b.path("availabilityDomain").asText()).isEqualTo("Uocm:EU-FRANKFURT-1-AD-1");
        assertThat(b.path("displayName").asText()).isEqualTo("skyhold-a1b2c3");
        assertThat(b.path("shape").asText()).isEqualTo("VM.Standard.E4.Flex");
        assertThat(b.path("shapeConfig").path("ocpus").asDouble()).isEqualTo(4.0);
        assertThat(b.path("shapeConfig").path("memoryInGBs").asDouble()).isEqualTo(32.0);
        assertThat(b.path("sourceDetails").path("sourceType").asText()).isEqualTo("image");
        assertThat(b.path("sourceDetails").path("imageId").asText()).isEqualTo(OciFields.IMAGE.example());
        assertThat(b.path("sourceDetails").path("bootVolumeSizeInGBs").asLong()).isEqualTo(100);
        assertThat(b.path("createVnicDetails").path("subnetId").asText()).isEqualTo(OciFields.SUBNET.example());
        assertThat(b.path("createVnicDetails").has("assignPublicIp")).as("left to the subnet").isFalse();
        assertThat(b.path("metadata").path("ssh_authorized_keys").asText())
                .isEqualTo(OciFields.SSH_PUBLIC_KEY.example());
        assertThat(new String(Base64.getDecoder().decode(b.path("metadata").path("user_data").asText()),
                StandardCharsets.UTF_8)).isEqualTo(spec.userData());
        assertThat(fake.instance(made.instanceId()).orElseThrow().tags()).containsEntry("team", "vdi")
                .containsEntry(VmSpec.TAG_INSTALLATION, "inst-1").containsEntry(VmSpec.TAG_ZONE, "7")
                .containsEntry(VmSpec.TAG_AGENT, "a1b2c3").hasSize(4);
        assertThat(provider.expectedCapacity()).as("from the shape config of the answer")
                .contains(new Capacity(8, 0, 32 * 1024));
    }

    @Test
    void theAgentSizeIsLookedUpFromTheShapesBeforeAnyInstanceExists() throws Exception {
        // the sample settings: VM.Standard.E4.Flex with 4 OCPUs (8 vCPUs on x86) and 32 GB
        assertThat(provider.lookupCapacity()).isEqualTo(new Capacity(8, 0, 32 * 1024));
        assertThat(provider.expectedCapacity()).contains(new Capacity(8, 0, 32 * 1024));
        assertThat(fake.calls()).extracting(FakeOci.Call::operation).containsOnly("ListShapes");

        VmProvider gpu = new OciVmKind().create(OciTestSettings.vm(fake, Map.of("oci_shape", "VM.GPU.A10.1",
                "oci_flex_cpus", "", "oci_flex_memory_gb", "")));
        try {
            assertThat(gpu.lookupCapacity()).as("a fixed shape's own size").isEqualTo(new Capacity(30, 1, 240 * 1024));
        } finally {
            ((AutoCloseable) gpu).close();
        }
        VmProvider unknown = new OciVmKind().create(OciTestSettings.vm(fake, Map.of("oci_shape", "VM.Nope.1",
                "oci_flex_cpus", "", "oci_flex_memory_gb", "")));
        try {
            assertThatThrownBy(unknown::lookupCapacity).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("VM.Nope.1");
        } finally {
            ((AutoCloseable) unknown).close();
        }
    }

    @Test
    void aLaunchWhoseAnswerWasLostIsRetriedWithTheSameTokenAndMakesNoSecondInstance() {
        VmSpec spec = OciTestSettings.spec("inst-1", "lost01");
        fake.loseNextAnswer("LaunchInstance");
        assertThatThrownBy(() -> provider.create(spec)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER));
        assertThat(fake.instances()).as("OCI made it; the answer was lost").hasSize(1);

        VmInstance again = provider.create(spec);
        assertThat(again.instanceId()).isEqualTo(fake.instances().get(0).id);
        assertThat(fake.instances()).hasSize(1);
        assertThat(fake.calls("LaunchInstance")).hasSize(2).extracting(c -> c.headers().get("opc-retry-token"))
                .containsOnly("skyhold-lost01");
    }

    @Test
    void describeReadsTheStateAndTheVnicsAddressesOnceTheInstanceRuns() {
        String id = provider.create(OciTestSettings.spec("inst-1", "d1")).instanceId();
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.CREATING);
            assertThat(v.publicIp()).isNull();
        });
        assertThat(fake.calls("ListVnicAttachments")).as("no address to look for while provisioning").isEmpty();

        fake.boot(id);
        FakeOci.Instance vm = fake.instance(id).orElseThrow();
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.RUNNING);
            assertThat(v.publicIp()).isEqualTo(vm.publicIp).isNotNull();
            assertThat(v.privateIp()).startsWith("10.0.0.");
            assertThat(v.tags()).containsEntry(VmSpec.TAG_AGENT, "d1");
        });
        assertThat(fake.calls("ListVnicAttachments")).singleElement()
                .satisfies(c -> assertThat(c.query()).containsEntry("instanceId", id));
        assertThat(fake.calls("GetVnic")).hasSize(1);
    }

    @Test
    void anInstanceThatBootsByItselfShowsItsPublicIpOnlyOnceRunning() throws InterruptedException {
        fake.bootAfter(Duration.ofMillis(300));
        String id = provider.create(OciTestSettings.spec("inst-1", "b1")).instanceId();
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.CREATING);
            assertThat(v.publicIp()).isNull();
        });
        Thread.sleep(400);
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.RUNNING);
            assertThat(v.publicIp()).isEqualTo(fake.instance(id).orElseThrow().publicIp).isNotNull();
        });
        provider.describe(id);
        assertThat(fake.calls("ListVnicAttachments")).as("the VNIC is looked up once, then remembered").hasSize(1);
        assertThat(fake.calls("GetVnic")).hasSize(2);
    }

    @Test
    void anInstanceOnAPrivateSubnetRunsWithoutAPublicIp() {
        fake.subnet(OciFields.SUBNET.example(), false);
        String id = provider.create(OciTestSettings.spec("inst-1", "p1")).instanceId();
        fake.boot(id);
        assertThat(provider.describe(id)).get().satisfies(v -> {
            assertThat(v.publicIp()).isNull();
            assertThat(v.privateIp()).isNotNull();
        });
    }

    @Test
    void deleteTerminatesWithTheBootVolumeAndTerminatedOrUnknownInstancesAreGone() {
        String id = provider.create(OciTestSettings.spec("inst-1", "t1")).instanceId();
        provider.delete(id);
        assertThat(fake.calls("TerminateInstance")).singleElement()
                .satisfies(c -> assertThat(c.query()).containsEntry("preserveBootVolume", "false"));
        assertThat(provider.describe(id)).get().extracting(VmInstance::state).isEqualTo(VmState.DELETING);
        fake.settle();
        assertThat(provider.describe(id)).isEmpty();
        provider.delete(id); // already gone: success
        assertThat(provider.describe("ocid1.instance.oc1.eu-frankfurt-1.aaaaaaaanever0000000000")).isEmpty();
    }

    @Test
    void listTaggedReadsEveryPageAndKeepsOnlyThisInstallationsLiveInstances() {
        fake.maxPerPage(2);
        for (int i = 0; i < 5; i++) {
            provider.create(OciTestSettings.spec("inst-1", "l" + i));
        }
        provider.create(OciTestSettings.spec("someone-else", "x1"));
        String gone = provider.create(OciTestSettings.spec("inst-1", "l9")).instanceId();
        provider.delete(gone);
        fake.settle();
        int before = fake.calls("ListInstances").size();

        assertThat(provider.listTagged("inst-1")).extracting(v -> v.tags().get(VmSpec.TAG_AGENT))
                .containsExactlyInAnyOrder("l0", "l1", "l2", "l3", "l4");
        assertThat(fake.calls("ListInstances").size() - before).as("7 instances, 2 a page").isEqualTo(4);
        assertThat(fake.calls("ListInstances")).allSatisfy(c -> assertThat(c.query())
                .containsEntry("compartmentId", OciFields.COMPARTMENT.example()));
    }

    @Test
    void testConnectionChecksTheUserTheAvailabilityDomainTheShapeTheImageAndTheSubnet() {
        assertThat(provider.testConnection()).contains("eu-frankfurt-1", "skyhold-api",
                "availability domain Uocm:EU-FRANKFURT-1-AD-1 found", "shape VM.Standard.E4.Flex offered",
                OciFields.IMAGE.example(), OciFields.SUBNET.example(), "agents get a public IP");
        assertThat(fake.calls()).extracting(FakeOci.Call::operation).containsExactly("GetUser",
                "ListAvailabilityDomains", "GetImage", "GetSubnet", "ListShapes");
        assertThat(fake.calls("ListAvailabilityDomains").get(0).query()).containsEntry("compartmentId",
                FakeOci.TENANCY);
    }

    @Test
    void testConnectionNamesAnAvailabilityDomainOrShapeTheTenancyDoesNotHave() {
        VmProvider otherAd = other(Map.of(OciFields.AVAILABILITY_DOMAIN.name(), "Uocm:US-ASHBURN-AD-1"));
        assertThatThrownBy(otherAd::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
            assertThat(e.getMessage()).contains("Uocm:US-ASHBURN-AD-1", "Uocm:EU-FRANKFURT-1-AD-1");
        });
        Map<String, String> fixed = new HashMap<>();
        fixed.put(OciFields.SHAPE.name(), "VM.Standard2.4");
        fixed.put(OciFields.FLEX_OCPUS.name(), null);
        fixed.put(OciFields.FLEX_MEMORY_GB.name(), null);
        VmProvider otherShape = other(fixed);
        assertThatThrownBy(otherShape::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
            assertThat(e.getMessage()).contains("VM.Standard2.4 is not offered", "VM.Standard.E4.Flex");
        });
    }

    @Test
    void testConnectionNamesASubnetOciDoesNotKnow() {
        VmProvider elsewhere = other(Map.of(OciFields.SUBNET.name(),
                "ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaanotthere0000000001"));
        assertThatThrownBy(elsewhere::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
            assertThat(e.getMessage()).startsWith("subnet ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaanotthere0000000001: "
                    + "OCI VirtualNetwork NotAuthorizedOrNotFound (HTTP 404)");
        });
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedByTheFakeAndIsAnAuthError() throws Exception {
        VmProvider wrong = new OciVmKind().create(OciTestSettings.settings(OciFields.VM, fake, Map.of(),
                OciTestSettings.rsa()));
        try {
            assertThatThrownBy(() -> wrong.create(OciTestSettings.spec("inst-1", "w1")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH);
                        assertThat(e.getMessage()).contains("NotAuthenticated", "401");
                    });
            assertThat(fake.calls("LaunchInstance")).singleElement()
                    .satisfies(c -> assertThat(c.authenticated()).isFalse());
            assertThat(fake.instances()).isEmpty();
        } finally {
            ((AutoCloseable) wrong).close();
        }
    }

    /** Another provider on the same fake with some fields changed; closed after the test. */
    private VmProvider other(Map<String, String> overrides) {
        VmProvider p = new OciVmKind().create(OciTestSettings.vm(fake, overrides));
        others.add(p);
        return p;
    }
}
