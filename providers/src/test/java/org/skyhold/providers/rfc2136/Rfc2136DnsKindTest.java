package org.skyhold.providers.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.ProviderException;
import org.xbill.DNS.TSIG;

/** The kind's descriptor and its settings reader; no server. */
class Rfc2136DnsKindTest {
    private final Rfc2136DnsKind kind = new Rfc2136DnsKind();

    /** Every field at its example value. */
    private static Map<String, String> examples() {
        Map<String, String> m = new HashMap<>();
        for (FieldSpec f : Rfc2136Fields.ALL) {
            if (!f.secret()) {
                m.put(f.name(), f.example());
            }
        }
        return m;
    }

    private static KindSettings settings(Map<String, String> fields, String secret) {
        return new KindSettings(ProviderFields.of(fields), secret == null ? Map.of()
                : Map.of(Rfc2136Fields.SECRET.name(), Secret.of(secret)), null);
    }

    private static KindSettings withExamples(String field, String value) {
        Map<String, String> m = examples();
        m.put(field, value);
        return settings(m, Rfc2136Fields.SECRET.example());
    }

    @Test
    void describesItselfAndEveryFieldHasAnExampleThatReads() {
        assertThat(kind.id()).isEqualTo("rfc2136");
        assertThat(kind.displayName()).isEqualTo("RFC 2136 dynamic DNS (BIND, PowerDNS, Knot)");
        assertThat(kind.usesEndpointOverride()).isFalse();
        assertThat(kind.fields()).extracting(FieldSpec::name).containsExactly("rfc2136_server", "rfc2136_port",
                "rfc2136_tsig_key_name", "rfc2136_tsig_algorithm", "rfc2136_tsig_secret", "rfc2136_protocol",
                "rfc2136_zone");
        assertThat(kind.fields()).allSatisfy(f -> assertThat(f.example()).as(f.name()).isNotBlank());
        assertThat(kind.fields()).filteredOn(FieldSpec::secret).extracting(FieldSpec::name)
                .containsExactly("rfc2136_tsig_secret");

        Rfc2136Settings s = Rfc2136Settings.read(settings(examples(), Rfc2136Fields.SECRET.example()));
        assertThat(s.server()).isEqualTo("ns1.example.com");
        assertThat(s.port()).isEqualTo(53);
        assertThat(s.keyLabel()).isEqualTo("skyhold-key");
        assertThat(s.algorithm()).isEqualTo(TSIG.HMAC_SHA256);
        assertThat(s.tcp()).isTrue();
        assertThat(s.zone().toString()).isEqualTo("example.com.");
    }

    @Test
    void onlyServerKeyNameAndSecretAreNeededAndTheRestHasDefaults() {
        Rfc2136Settings s = Rfc2136Settings.read(settings(Map.of("rfc2136_server", "192.0.2.53",
                "rfc2136_tsig_key_name", "k1"), "c2VjcmV0LXNlY3JldC1zZWNyZXQ="));

        assertThat(s.port()).isEqualTo(53);
        assertThat(s.algorithm()).isEqualTo(TSIG.HMAC_SHA256);
        assertThat(s.tcp()).isTrue();
        assertThat(s.zone()).as("found by SOA").isNull();
        assertThat(kind.defaults()).containsEntry("rfc2136_port", "53")
                .containsEntry("rfc2136_tsig_algorithm", "hmac-sha256").containsEntry("rfc2136_protocol", "tcp");
    }

    @Test
    void eachBadValueIsRefusedNamingItsField() {
        assertRefused(settings(Map.of("rfc2136_tsig_key_name", "k1"), "c2VjcmV0LXNlY3JldC1zZWNyZXQ="),
                "rfc2136_server", "is required");
        assertRefused(withExamples("rfc2136_server", "ns1 example.com"), "rfc2136_server", "must be a host name or IP");
        assertRefused(withExamples("rfc2136_port", "70000"), "rfc2136_port", "must be a port from 1 to 65535");
        assertRefused(withExamples("rfc2136_port", "fifty"), "rfc2136_port", "must be a whole number");
        assertRefused(withExamples("rfc2136_tsig_algorithm", "hmac-md5"), "rfc2136_tsig_algorithm",
                "must be one of hmac-sha256, hmac-sha512, hmac-sha1");
        assertRefused(withExamples("rfc2136_protocol", "quic"), "rfc2136_protocol", "must be one of tcp, udp");
        assertRefused(withExamples("rfc2136_zone", "example..com"), "rfc2136_zone", "must be");
        assertRefused(settings(examples(), null), "rfc2136_tsig_secret", "is required");
        assertRefused(settings(examples(), "not base64 at all!"), "rfc2136_tsig_secret",
                "must be the key's base64 secret as tsig-keygen prints it");
    }

    @Test
    void buildingFromBadSettingsIsABadConfigErrorNamingTheFieldAndNeverTheSecret() {
        assertThatThrownBy(() -> kind.create(withExamples("rfc2136_port", "0")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).isEqualTo("rfc2136_port must be a port from 1 to 65535");
                });
        Rfc2136Settings s = Rfc2136Settings.read(settings(examples(), Rfc2136Fields.SECRET.example()));
        assertThat(s.toString()).contains("ns1.example.com:53", "skyhold-key", "hmac-sha256", "****")
                .doesNotContain(Rfc2136Fields.SECRET.example());
    }

    private void assertRefused(KindSettings settings, String field, String message) {
        assertThatThrownBy(() -> kind.validate(settings)).as(field)
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }
}
