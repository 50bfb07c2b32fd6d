package org.skyhold.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.providers.simulated.SimulatedCloud;

/** The standard catalog: what it offers, and that each kind's settings reader names the field it cannot read. */
class ProviderCatalogsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    static final ProviderCatalogs CATALOGS = ProviderCatalogs.standard(new SimulatedCloud(CLOCK, null), CLOCK);

    @AfterAll
    static void close() {
        CATALOGS.close();
    }

    @Test
    void offersExactlyTheKindsThisBuildImplements() {
        assertThat(CATALOGS.catalog().vmKinds()).extracting(VmProviderKind::id)
                .containsExactly("aws", "digitalocean", "oci", "gcp", "azure", "simulated");
        assertThat(CATALOGS.catalog().dnsKinds()).extracting(DnsProviderKind::id)
                .containsExactly("route53", "digitalocean", "oci", "gcp", "azure", "rfc2136", "simulated");
        assertThat(CATALOGS.catalog().vm("vultr")).isEmpty();
        assertThat(CATALOGS.catalog().dns("vultr")).isEmpty();
    }

    static Stream<VmProviderKind> vmKinds() {
        return CATALOGS.catalog().vmKinds().stream();
    }

    static Stream<DnsProviderKind> dnsKinds() {
        return CATALOGS.catalog().dnsKinds().stream();
    }

    @ParameterizedTest
    @MethodSource("vmKinds")
    void everyVmKindReadsItsOwnExamplesAndBuildsAProvider(VmProviderKind kind) {
        KindSettings examples = examples(kind.fields());
        kind.validate(examples);
        assertThat(kind.create(examples)).isNotNull();
        assertThat(kind.userDataLimit()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("dnsKinds")
    void everyDnsKindReadsItsOwnExamplesAndBuildsAProvider(DnsProviderKind kind) {
        KindSettings examples = examples(kind.fields());
        kind.validate(examples);
        assertThat(kind.create(examples)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("vmKinds")
    void aMissingRequiredFieldIsNamedBySaveAndByCreate(VmProviderKind kind) {
        for (FieldSpec required : kind.fields().stream().filter(FieldSpec::required).toList()) {
            KindSettings without = examples(kind.fields().stream().filter(f -> f != required).toList());
            assertThatThrownBy(() -> kind.validate(without)).isInstanceOf(InvalidFieldException.class)
                    .hasMessage("is required")
                    .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(required.name()));
            assertThatThrownBy(() -> kind.create(without)).isInstanceOf(ProviderException.class)
                    .hasMessage(required.name() + " is required")
                    .satisfies(e -> assertThat(((ProviderException) e).errorClass())
                            .isEqualTo(ProviderErrorClass.BAD_CONFIG));
        }
    }

    @Test
    void theSimulatedKindFillsItsDefaultsAndRefusesARateAboveOne() {
        VmProviderKind sim = CATALOGS.catalog().vm("simulated").orElseThrow();
        assertThat(sim.defaults()).containsEntry("sim_cores", "4").containsEntry("sim_memory_mb", "8192");
        Map<String, String> rate = new HashMap<>(Map.of("sim_failure_rate", "1.5"));
        assertThatThrownBy(() -> sim.validate(new KindSettings(TestFields.of(rate), Map.of(), null)))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("sim_failure_rate"));
    }

    /** The examples of {@code fields}: non-secrets as stored fields, secrets as secrets. */
    static KindSettings examples(List<FieldSpec> fields) {
        Map<String, String> values = new HashMap<>();
        Map<String, Secret> secrets = new HashMap<>();
        for (FieldSpec f : fields) {
            assertThat(f.example()).as("example of " + f.name()).isNotBlank();
            if (f.secret()) {
                secrets.put(f.name(), Secret.of(f.example()));
            } else {
                values.put(f.name(), f.example());
            }
        }
        // https: Azure's clients refuse plain http, so its kind refuses such an endpoint when saved
        return new KindSettings(TestFields.of(values), secrets, "https://127.0.0.1:1");
    }
}
