package org.skyhold.providers.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;

/** The {@code oci} kinds' descriptors, fields and settings readers; no server. */
class OciKindTest {
    final OciVmKind vm = new OciVmKind();
    final OciDnsKind dns = new OciDnsKind();

    @Test
    void theKindsAreDescribed() {
        assertThat(vm.id()).isEqualTo("oci");
        assertThat(vm.displayName()).isEqualTo("Oracle Cloud (OCI)");
        assertThat(dns.id()).isEqualTo("oci");
        assertThat(dns.displayName()).isEqualTo("Oracle Cloud DNS");
        assertThat(vm.userDataLimit()).isEqualTo(24_000);
        assertThat(vm.customTagsField()).contains(OciFields.CUSTOM_TAGS);
        assertThat(vm.fields()).extracting(FieldSpec::name).containsExactly("oci_user_ocid", "oci_fingerprint",
                "oci_private_key", "oci_region", "oci_tenancy_ocid", "oci_compartment_ocid",
                "oci_availability_domain", "oci_image_ocid", "oci_shape", "oci_flex_cpus", "oci_flex_memory_gb",
                "oci_boot_volume_gb", "oci_custom_tags", "oci_subnet_ocid", "oci_ssh_public_key");
        assertThat(dns.fields()).extracting(FieldSpec::name).containsExactly("oci_user_ocid", "oci_fingerprint",
                "oci_private_key", "oci_region", "oci_tenancy_ocid", "oci_compartment_ocid");
        assertThat(vm.fields()).filteredOn(FieldSpec::secret).extracting(FieldSpec::name)
                .containsExactly("oci_private_key");
    }

    @Test
    void everyExampleMatchesItsOwnPatternAndTheExampleSettingsRead() {
        for (FieldSpec f : vm.fields()) {
            assertThat(f.example()).as(f.name()).isNotBlank();
            if (f.pattern() != null) {
                assertThat(f.pattern().matcher(f.example()).matches()).as(f.name()).isTrue();
            }
        }
        assertThatCode(() -> vm.validate(OciTestSettings.vm(null, Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> dns.validate(OciTestSettings.dns(null))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Uocm:US-ASHBURN-AD-1", "Uocm:PHX-AD-3", "Uocm:EU-FRANKFURT-1-AD-1", "qIZq:US-ASHBURN-AD-2",
            "zkJl:AP-TOKYO-1-AD-1", "Uocm:US-GOV-ASHBURN-1-AD-1"})
    void everyRealAvailabilityDomainNameIsAccepted(String ad) {
        assertThat(OciFields.AVAILABILITY_DOMAIN.pattern().matcher(ad).matches()).isTrue();
        assertThatCode(() -> vm.validate(OciTestSettings.vm(null, Map.of("oci_availability_domain", ad))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"US-ASHBURN-AD-1", "Uocm:us-ashburn-ad-1", "Uocm:US-ASHBURN-1", "Uocm:US-ASHBURN-AD-",
            "Uocm US-ASHBURN-AD-1"})
    void otherTextIsRefusedNamingTheField(String ad) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> vm.validate(OciTestSettings.vm(null, Map.of("oci_availability_domain", ad))));
        assertThat(e.field()).isEqualTo("oci_availability_domain");
        assertThat(e.getMessage()).contains("Uocm:US-ASHBURN-AD-1");
    }

    @Test
    void aFlexibleShapeNeedsItsOcpusAndAFixedShapeTakesNone() {
        Map<String, String> noCpus = new HashMap<>();
        noCpus.put("oci_flex_cpus", null);
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> vm.validate(OciTestSettings.vm(null, noCpus)));
        assertThat(e.field()).isEqualTo("oci_flex_cpus");
        assertThat(e.getMessage()).contains("required", "VM.Standard.E4.Flex");

        InvalidFieldException fixed = catchThrowableOfType(InvalidFieldException.class,
                () -> vm.validate(OciTestSettings.vm(null, Map.of("oci_shape", "VM.GPU.A10.1"))));
        assertThat(fixed.field()).isEqualTo("oci_flex_cpus");
        assertThat(fixed.getMessage()).contains("only for flexible shapes");
    }

    @Test
    void missingOrMalformedFieldsAreNamed() {
        Map<String, String> noSubnet = new HashMap<>();
        noSubnet.put("oci_subnet_ocid", null);
        assertThat(catchThrowableOfType(InvalidFieldException.class,
                () -> vm.validate(OciTestSettings.vm(null, noSubnet))).field()).isEqualTo("oci_subnet_ocid");
        assertThat(catchThrowableOfType(InvalidFieldException.class, () -> vm.validate(OciTestSettings.vm(null,
                Map.of("oci_boot_volume_gb", "20")))).field()).isEqualTo("oci_boot_volume_gb");
        assertThat(catchThrowableOfType(InvalidFieldException.class, () -> vm.validate(OciTestSettings.vm(null,
                Map.of("oci_region", "Frankfurt")))).field()).isEqualTo("oci_region");
    }

    @Test
    void customTagsMayNotTakeSkyholdsOwnKeys() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> OciFields.CUSTOM_TAGS.check().check(Map.of("skyhold-agent", "x")))).hasMessageContaining(
                "skyhold-agent");
        assertThatCode(() -> OciFields.CUSTOM_TAGS.check().check(Map.of("team", "vdi"))).doesNotThrowAnyException();
    }
}
