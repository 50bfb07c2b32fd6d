package org.skyhold.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.fixtures.TestPki;
import org.skyhold.app.web.Json;
import org.skyhold.domain.kind.FieldType;
import org.skyhold.domain.kind.FieldSpec;

/** Every {@link FieldType}: what it accepts, the canonical text it stores, and how it refuses. */
class FieldParserTest {
    private static final KeyPair RSA = TestPki.rsa();
    private static final String KEY = TestPki.privateKeyPem(RSA);
    private static final String CERT = TestPki.certificatePem(RSA, "a.example.com");
    private static final String SSH = TestPki.sshEd25519();

    private final FieldParser parser = new FieldParser(Json.mapper());

    /** Raw input to the canonical text stored, and refused input to (the start of) its message. */
    private record Case(FieldSpec spec, Map<String, String> accepted, Map<String, String> refused) {
    }

    private static FieldSpec spec(FieldType type) {
        FieldSpec.Builder b = FieldSpec.of("f_" + type.name().toLowerCase(), type, "F");
        return switch (type) {
            case TEXT -> b.pattern("^[a-z]{3}\\d$", "a region slug such as fra1").build();
            case INTEGER -> b.range(1, 10).build();
            case DECIMAL -> b.range(0, 1).build();
            case CHOICE -> b.choices("gp3", "gp2").build();
            case STRING_LIST -> b.pattern("^sg-[0-9a-f]{8}$", "security group IDs such as sg-0123abcd").build();
            default -> b.build();
        };
    }

    private static Case caseOf(FieldType type) {
        FieldSpec spec = spec(type);
        return switch (type) {
            case TEXT -> new Case(spec, Map.of(" fra1 ", "fra1"), Map.of("FRA1", "must be a region slug such as fra1"));
            case MULTILINE -> new Case(spec, Map.of("#!/bin/sh\r\necho hi\r\n", "#!/bin/sh\necho hi\n", "  x  ", "  x  "),
                    Map.of("x".repeat(65_537), "is longer than 65536 characters"));
            case INTEGER -> new Case(spec, Map.of(" 7 ", "7", "007", "7", "10", "10"), Map.of(
                    "11", "must be a whole number from 1 to 10", "0", "must be a whole number from 1 to 10",
                    "1.5", "must be a whole number from 1 to 10", "seven", "must be a whole number from 1 to 10"));
            case DECIMAL -> new Case(spec, Map.of("0.250", "0.25", "1.0", "1", "0", "0", " .5 ", "0.5"), Map.of(
                    "1.5", "must be a number from 0 to 1", "-0.1", "must be a number from 0 to 1",
                    "half", "must be a number from 0 to 1"));
            case BOOLEAN -> new Case(spec, Map.of("true", "true", "on", "true", "1", "true", " false ", "false",
                    "off", "false", "0", "false"), Map.of("yes", "must be true or false", "TRUE", "must be true or false"));
            case CHOICE -> new Case(spec, Map.of(" gp3 ", "gp3"), Map.of("gp4", "must be one of gp3, gp2"));
            case STRING_LIST -> new Case(spec, Map.of("[ \"sg-0123abcd\" , \"sg-89abcdef\" ]",
                    "[\"sg-0123abcd\",\"sg-89abcdef\"]", "[]", "[]", " sg-0123abcd ", "[\"sg-0123abcd\"]"), Map.of(
                    "nope", "must list security group IDs such as sg-0123abcd; \"nope\" is not one",
                    "[\"sg-0123abcd\"", "must be a JSON list of strings",
                    "{\"a\":\"sg-0123abcd\"}", "must be a JSON list of strings",
                    "[1]", "must be a JSON list of strings",
                    "[\"sg-nope\"]", "must list security group IDs such as sg-0123abcd; \"sg-nope\" is not one"));
            case STRING_MAP -> new Case(spec, Map.of("{ \"team\" : \"vdi\" }", "{\"team\":\"vdi\"}", "{}", "{}"), Map.of(
                    "team=vdi", "must be a JSON object of strings",
                    "[\"team\"]", "must be a JSON object of strings",
                    "{\"n\":1}", "must be a JSON object of strings; \"n\" is not a string",
                    "{\" \":\"x\"}", "must be a JSON object of strings"));
            case KEY_VALUE_LIST -> new Case(spec, Map.of("[ {\"key\":\"a\", \"value\":\"b\"} ]",
                    "[{\"key\":\"a\",\"value\":\"b\"}]"), Map.of(
                    "{\"key\":\"a\",\"value\":\"b\"}", "must be a JSON list of {\"key\": ..., \"value\": ...} objects",
                    "[{\"key\":\"a\"}]", "must be a JSON list of {\"key\": ..., \"value\": ...} objects",
                    "[{\"key\":\"a\",\"value\":1}]", "must be a JSON list of {\"key\": ..., \"value\": ...} objects",
                    "[{\"key\":\"a\",\"value\":\"b\",\"x\":\"y\"}]", "must be a JSON list of {\"key\""));
            case JSON_OBJECT -> new Case(spec, Map.of("{ \"a\" : [1, 2] }", "{\"a\":[1,2]}"), Map.of(
                    "[1]", "must be a JSON object", "a: 1", "must be a JSON object"));
            case JSON_OBJECT_LIST -> new Case(spec, Map.of("[ {\"a\":1} ]", "[{\"a\":1}]", "[]", "[]"), Map.of(
                    "{\"a\":1}", "must be a JSON list of objects", "[1, 2]", "must be a JSON list of objects"));
            case PEM_PRIVATE_KEY -> new Case(spec, Map.of("\n\n" + KEY + "\n\n", KEY), Map.of(
                    "not a key", "must be a PEM private key", CERT, "holds a CERTIFICATE"));
            case PEM_CERTIFICATE -> new Case(spec, Map.of("  " + CERT + "\n\n", CERT.trim() + "\n"), Map.of(
                    "not a cert", "must be a PEM certificate", KEY, "must be a PEM certificate"));
            case SSH_PUBLIC_KEY -> new Case(spec, Map.of("  " + SSH + "\n", SSH), Map.of(
                    "not a key", "must be an OpenSSH public key line", "ssh-ed25519 !!!", "has a key body that is not"));
            case SERVICE_ACCOUNT_JSON -> new Case(spec, Map.of(serviceAccount().replace(",", ", "),
                    serviceAccount()), Map.of(
                    "[]", "must be a service-account JSON key file",
                    "{\"type\":\"authorized_user\",\"client_email\":\"a@b\",\"private_key\":\"x\"}",
                    "must be a service-account JSON key file (type service_account, client_email, private_key)",
                    "{\"type\":\"service_account\",\"client_email\":\"a@b\",\"private_key\":\"nope\"}",
                    "has a private_key that must be a PEM private key"));
            case URL -> new Case(spec, Map.of(" https://api.example.com:8443/v2 ", "https://api.example.com:8443/v2",
                    "http://127.0.0.1:4566", "http://127.0.0.1:4566"), Map.of(
                    "ftp://example.com", "must be an http:// or https:// URL",
                    "https://", "must be an http:// or https:// URL",
                    "not a url at all", "must be an http:// or https:// URL"));
        };
    }

    @ParameterizedTest
    @EnumSource(FieldType.class)
    void everyTypeStoresTheCanonicalFormOfWhatItAccepts(FieldType type) {
        Case c = caseOf(type);
        assertThat(c.accepted()).isNotEmpty();
        c.accepted().forEach((raw, canonical) ->
                assertThat(parser.parse(c.spec(), raw)).as(type + " <- " + raw).isEqualTo(canonical));
    }

    @ParameterizedTest
    @EnumSource(FieldType.class)
    void everyTypeRefusesMalformedInputWithAMessageThatCompletesTheFieldName(FieldType type) {
        Case c = caseOf(type);
        assertThat(c.refused()).isNotEmpty();
        c.refused().forEach((raw, message) -> assertThatThrownBy(() -> parser.parse(c.spec(), raw))
                .as(type + " <- " + raw).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message));
    }

    @ParameterizedTest
    @EnumSource(value = FieldType.class, names = {"STRING_LIST", "STRING_MAP", "KEY_VALUE_LIST", "JSON_OBJECT",
            "JSON_OBJECT_LIST", "SERVICE_ACCOUNT_JSON"})
    void aJsonValueFollowedByMoreTextIsRefusedNotTruncated(FieldType type) {
        Case c = caseOf(type);
        String valid = c.accepted().keySet().iterator().next();

        assertThatThrownBy(() -> parser.parse(c.spec(), valid + " {\"more\": 1}")).as(type.name())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.parse(c.spec(), valid + " trailing words")).as(type.name())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTextFieldWithoutPatternTakesAnyOneLine() {
        FieldSpec free = FieldSpec.of("free", FieldType.TEXT, "Free").build();

        assertThat(parser.parse(free, "  any thing: at all ")).isEqualTo("any thing: at all");
        assertThatThrownBy(() -> parser.parse(free, "two\nlines")).hasMessage("must be one line");
    }

    @Test
    void anIntegerWithoutUpperBoundSaysOfAtLeast() {
        FieldSpec id = FieldSpec.of("id", FieldType.INTEGER, "Id").range(1, Long.MAX_VALUE).build();

        assertThatThrownBy(() -> parser.parse(id, "0")).hasMessage("must be a whole number of at least 1");
    }

    @Test
    void theFieldsOwnCheckSeesTheParsedTreeAndItsRefusalIsTheMessage() {
        List<Object> seen = new ArrayList<>();
        FieldSpec override = FieldSpec.of("x_override", FieldType.JSON_OBJECT, "Override").check(v -> {
            seen.add(v);
            if (v instanceof Map<?, ?> m && m.containsKey("name")) {
                throw new IllegalArgumentException("may not set name (Skyhold sets it)");
            }
        }).build();

        assertThatThrownBy(() -> parser.parse(override, "{\"name\":\"x\"}"))
                .hasMessage("may not set name (Skyhold sets it)");
        assertThat(parser.parse(override, "{ \"zone\" : [1, \"a\"] }")).isEqualTo("{\"zone\":[1,\"a\"]}");
        assertThat(seen).last().isEqualTo(Map.of("zone", List.of(1, "a")));
        assertThat(parser.stored(override, "{\"zone\":[1,\"a\"]}")).isEqualTo(Map.of("zone", List.of(1, "a")));
        assertThat(parser.text(Map.of("zone", List.of(1, "a")))).isEqualTo("{\"zone\":[1,\"a\"]}");
    }

    @Test
    void aRefusedSecretIsNeverQuotedInTheMessage() {
        List<FieldSpec> secrets = allCatalogFields().stream().filter(FieldSpec::secret).toList();
        assertThat(secrets).extracting(FieldSpec::name).contains("aws_secret_access_key", "digital_ocean_token",
                "nginx_key");
        for (FieldSpec spec : secrets) {
            for (String marker : List.of("secretMARKERtoken", "secret MARKER words", "{\"secretMARKER\" x}",
                    "[\"secretMARKER\"] secretMARKER")) {
                try {
                    parser.parse(spec, marker);
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).as(spec.name() + " <- " + marker).doesNotContain("MARKER");
                }
            }
        }
    }

    static List<FieldSpec> allCatalogFields() {
        List<FieldSpec> all = new ArrayList<>(ZoneFields.ALL);
        for (var kind : TestCatalog.CATALOG.vmKinds()) {
            all.addAll(VmProviderFields.all(kind));
        }
        for (var kind : TestCatalog.CATALOG.dnsKinds()) {
            all.addAll(DnsProviderService.all(kind));
        }
        return all;
    }

    /** A service-account key file of the shape Google issues, for the type no kind of this build has yet. */
    private static String serviceAccount() {
        return "{\"type\":\"service_account\",\"client_email\":\"a@b.iam.gserviceaccount.com\",\"private_key\":\""
                + KEY.replace("\n", "\\n") + "\"}";
    }

}
