package org.skyhold.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.Secret;

/** The {@code gcp} kinds' descriptors, fields, settings readers and endpoint rules; no server. */
class GcpKindTest {
    final GcpVmKind vm = new GcpVmKind();
    final GcpDnsKind dns = new GcpDnsKind();

    @Test
    void theKindsCarryTheSeedsFieldNames() {
        assertThat(vm.id()).isEqualTo("gcp");
        assertThat(dns.id()).isEqualTo("gcp");
        assertThat(vm.displayName()).isEqualTo("Google Compute Engine");
        assertThat(dns.displayName()).isEqualTo("Google Cloud DNS");
        assertThat(vm.userDataLimit()).isEqualTo(262_144);
        assertThat(vm.customTagsField()).contains(GcpFields.CUSTOM_LABELS);
        assertThat(vm.fields()).extracting(FieldSpec::name).containsExactly("gcp_credentials", "gcp_project",
                "gcp_region", "gcp_zone", "gcp_machine_type", "gcp_image", "gcp_boot_volume_gb", "gcp_disk_type",
                "gcp_cmek", "gcp_network", "gcp_subnetwork", "gcp_public_ip", "gcp_network_tags", "gcp_custom_labels",
                "gcp_metadata", "gcp_service_account", "gcp_guest_accelerators", "gcp_config_override");
        assertThat(dns.fields()).extracting(FieldSpec::name).containsExactly("gcp_credentials", "gcp_project");
        assertThat(vm.fields()).filteredOn(FieldSpec::secret).extracting(FieldSpec::name)
                .containsExactly("gcp_credentials");
    }

    @Test
    void everyExampleMatchesItsOwnPatternAndTheExampleSettingsRead() {
        for (FieldSpec f : vm.fields()) {
            assertThat(f.example()).as(f.name()).isNotBlank();
            if (f.pattern() != null && !f.type().isJson()) {
                assertThat(f.pattern().matcher(f.example()).matches()).as(f.name()).isTrue();
            }
        }
        assertThatCode(() -> vm.validate(GcpTestSettings.vm(null, Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> dns.validate(GcpTestSettings.dns(null))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gcp_zone               | us-central1-a                                   | a zone of the region europe-west4",
            "gcp_config_override    | {\"name\":\"x\"}                                 | may not set name or labels",
            "gcp_config_override    | {\"labels\":{\"a\":\"b\"}}                       | may not set name or labels",
            "gcp_config_override    | {\"scheduling\":{\"nope\":1}}                    | is not part of a Compute instance",
            "gcp_custom_labels      | {\"Team\":\"vdi\"}                               | has a key \"Team\"",
            "gcp_custom_labels      | {\"skyhold-agent\":\"x\"}                        | may not set skyhold-agent",
            "gcp_custom_labels      | {\"team\":\"VDI Team\"}                          | that is not a label value",
            "gcp_metadata           | [{\"key\":\"startup-script\",\"value\":\"x\"}]   | may not set startup-script",
            "gcp_service_account    | {\"scopes\":[]}                                  | must have an \"email\" string",
            "gcp_guest_accelerators | [{\"acceleratorType\":\"nvidia-l4\"}]            | must list {\"acceleratorType\"",
            "gcp_boot_volume_gb     | 5                                               | must be between 10 and 65536",
            "gcp_disk_type          | pd-fast                                         | must be one of pd-balanced"})
    void aValueGcpWouldRefuseIsRefusedNamingTheField(String field, String value, String message) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> vm.validate(GcpTestSettings.vm(null, Map.of(field, value))));
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void anUnreadableKeyFileIsRefusedWithoutQuotingIt() {
        KindSettings s = GcpTestSettings.vm(null, Map.of());
        KindSettings broken = new KindSettings(s.fields(), Map.of("gcp_credentials",
                Secret.of("{\"type\":\"service_account\",\"private_key\":\"secretMARKER\"}")), null);
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> vm.validate(broken));
        assertThat(e.field()).isEqualTo("gcp_credentials");
        assertThat(e.getMessage()).startsWith("is not a usable service-account key file").doesNotContain("MARKER");
    }

    @Test
    void theEndpointIsSchemeHostAndPortForComputeAndARootUrlForCloudDns() {
        assertThat(GcpEndpoints.compute("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080");
        assertThat(GcpEndpoints.compute("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(GcpEndpoints.compute("compute.example.com")).isEqualTo("https://compute.example.com:443");
        assertThat(GcpEndpoints.compute(" ")).isNull();
        assertThat(GcpEndpoints.dnsRoot("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/");
        assertThat(GcpEndpoints.dnsRoot("https://proxy.example.com/google//")).isEqualTo(
                "https://proxy.example.com:443/google/");
        for (String bad : List.of("http://127.0.0.1:8080/compute/v1", "ftp://host", "http://host?x=1")) {
            InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                    () -> GcpEndpoints.compute(bad));
            assertThat(e.field()).as(bad).isEqualTo("endpoint_override");
        }
    }

    @Test
    void aRequestIdIsAUuidDerivedFromTheAgentAndTheInstanceNameFollowsGcesSyntax() {
        var spec = GcpTestSettings.spec("inst-1", "ag12345abcde");
        assertThat(GcpInsert.requestId(spec)).isEqualTo(GcpInsert.requestId(GcpTestSettings.spec("inst-2",
                "ag12345abcde"))).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(GcpInsert.requestId(spec)).isNotEqualTo(GcpInsert.requestId(GcpTestSettings.spec("inst-1", "x")));
        assertThat(GcpInsert.name(spec)).isEqualTo("skyhold-ag12345abcde");
        assertThat(GcpInsert.labelValue("Inst.ID/1")).isEqualTo("inst_id_1");
    }
}
