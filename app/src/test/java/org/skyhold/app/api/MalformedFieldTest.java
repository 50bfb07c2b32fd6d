package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.app.fixtures.TestPki;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;

/**
 * Every JSON-typed and key-typed field of every kind, taken from the catalogs, refuses malformed values (and
 * well-formed JSON of the wrong shape) on create and on update, naming the field and saving nothing.
 */
class MalformedFieldTest {
    static final Set<FieldType> JSON_TYPES = EnumSet.of(FieldType.STRING_LIST, FieldType.STRING_MAP,
            FieldType.KEY_VALUE_LIST, FieldType.JSON_OBJECT, FieldType.JSON_OBJECT_LIST, FieldType.SERVICE_ACCOUNT_JSON);
    static final Set<FieldType> KEY_TYPES = EnumSet.of(FieldType.PEM_PRIVATE_KEY, FieldType.PEM_CERTIFICATE,
            FieldType.SSH_PUBLIC_KEY);
    private static final KeyPair RSA = TestPki.rsa();
    private static final Map<SettingsKind, Long> STORED = new ConcurrentHashMap<>();

    static TestApp app;
    static ApiClient api;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
        zoneId = SharedApp.newZone(api, "malformed");
    }

    /** A bad value for the field, as it is sent in the JSON body (text, or JSON of the wrong shape). */
    record Bad(String label, Object value) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Bad> badValues(FieldType type, String validText) {
        List<Bad> bad = new ArrayList<>();
        if (JSON_TYPES.contains(type)) {
            bad.add(new Bad("text that is not JSON", "{not json"));
            bad.add(new Bad("valid JSON followed by more text", validText + " and more"));
            if (type != FieldType.STRING_LIST) {
                // a list given as one plain value is a list of that one item (see FieldParser)
                bad.add(new Bad("a number", 42));
            }
            boolean object = type == FieldType.STRING_MAP || type == FieldType.JSON_OBJECT
                    || type == FieldType.SERVICE_ACCOUNT_JSON;
            bad.add(object ? new Bad("a list instead of an object", List.of("a"))
                    : new Bad("an object instead of a list", Map.of("a", "b")));
            switch (type) {
                case STRING_LIST -> bad.add(new Bad("a list of numbers", List.of(1, 2)));
                case STRING_MAP -> bad.add(new Bad("an object of numbers", Map.of("a", 1)));
                case KEY_VALUE_LIST -> bad.add(new Bad("items without value", List.of(Map.of("key", "a"))));
                case JSON_OBJECT_LIST -> bad.add(new Bad("a list of strings", List.of("a")));
                case SERVICE_ACCOUNT_JSON -> bad.add(new Bad("a key file of another type",
                        Map.of("type", "authorized_user", "client_email", "a@b.c", "private_key", "x")));
                default -> { }
            }
        }
        switch (type) {
            case PEM_PRIVATE_KEY -> {
                bad.add(new Bad("text", "not a key"));
                bad.add(new Bad("a certificate", TestPki.certificatePem(RSA, "x.example.com")));
                bad.add(new Bad("an encrypted key", TestPki.encryptedPkcs8Pem(RSA)));
                bad.add(new Bad("a key with a broken body", TestPki.privateKeyPem(RSA).replaceFirst("\n[^\n]+\n", "\nAAAA\n")));
            }
            case PEM_CERTIFICATE -> {
                bad.add(new Bad("text", "not a certificate"));
                bad.add(new Bad("a private key", TestPki.privateKeyPem(RSA)));
                bad.add(new Bad("a certificate with a broken body",
                        TestPki.certificatePem(RSA, "x.example.com").replaceFirst("\n[^\n]+\n", "\nAAAA\n")));
            }
            case SSH_PUBLIC_KEY -> {
                bad.add(new Bad("text", "not a key"));
                bad.add(new Bad("a body that is not base64", "ssh-ed25519 !!!! me@host"));
                bad.add(new Bad("a body of another type", "ssh-rsa " + TestPki.sshEd25519().split(" ")[1]));
            }
            default -> { }
        }
        return bad;
    }

    static Stream<Arguments> cases() {
        return SettingsKind.all().stream().flatMap(kind -> kind.fields().stream()
                .filter(f -> JSON_TYPES.contains(f.type()) || KEY_TYPES.contains(f.type()))
                .flatMap(f -> badValues(f.type(), kind.sample().get(f.name())).stream()
                        .map(bad -> Arguments.of(kind, f, bad))));
    }

    @Test
    void theCatalogsHoldEveryJsonAndKeyTypeSoEveryOneIsTriedHere() {
        Set<FieldType> tried = EnumSet.noneOf(FieldType.class);
        cases().forEach(a -> tried.add(((FieldSpec) a.get()[1]).type()));

        // the JSON and key types the catalog of this build holds; the others come back with their kinds
        assertThat(tried).contains(FieldType.STRING_LIST, FieldType.STRING_MAP, FieldType.PEM_PRIVATE_KEY,
                FieldType.PEM_CERTIFICATE);
        assertThat(cases().map(a -> a.get()[0] + "." + ((FieldSpec) a.get()[1]).name()).distinct())
                .contains("zone.nginx_cert", "zone.nginx_key", "aws VM provider.aws_ec2_security_group_ids",
                        "aws VM provider.aws_ec2_custom_tags", "digitalocean VM provider.digital_ocean_tags");
    }

    private static void assertRefusedNaming(ApiClient.Answer a, FieldSpec field) {
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.errorFields()).as(a.toString()).containsExactly(field.name());
        assertThat(a.body().at("/errors/0/message").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}.{1} refuses {2} on create")
    @MethodSource("cases")
    void aMalformedValueInAnOtherwiseValidCreateIsRefusedNamingTheFieldAndNothingIsSaved(SettingsKind kind,
                                                                                      FieldSpec field, Bad bad) {
        int before = api.get(kind.collection(zoneId)).body().size();
        Map<String, Object> body = new HashMap<>(kind.typed(kind.sample()));
        body.put(field.name(), bad.value());

        assertRefusedNaming(api.post(kind.collection(zoneId), body), field);
        assertThat(api.get(kind.collection(zoneId)).body().size()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}.{1} refuses {2} on update")
    @MethodSource("cases")
    void aMalformedValueInAnUpdateIsRefusedNamingTheFieldAndTheOldValueStays(SettingsKind kind, FieldSpec field,
                                                                            Bad bad) {
        long id = STORED.computeIfAbsent(kind, k -> api.post(k.collection(zoneId), k.sample()).body().get("id").asLong());
        JsonNode before = api.get(kind.item(zoneId, id)).body();
        String secretBefore = field.secret()
                ? kind.storedSecret(app.skyhold.repositories(), id, field.name()).orElseThrow() : null;

        assertRefusedNaming(api.put(kind.item(zoneId, id), Map.of(field.name(), bad.value())), field);
        assertThat(api.get(kind.item(zoneId, id)).body()).isEqualTo(before);
        if (field.secret()) {
            assertThat(kind.storedSecret(app.skyhold.repositories(), id, field.name())).contains(secretBefore);
        }
    }
}
