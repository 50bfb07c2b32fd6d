package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.app.settings.FieldParser;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.app.web.Json;
import org.skyhold.domain.kind.VmProviderKind;

/** Secrets through JSON: never sent back, kept when sent empty, replaced when sent anew. */
class SecretFieldsJsonTest {
    private static final FieldParser PARSER = new FieldParser(Json.mapper());
    static TestApp app;
    static ApiClient api;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
        zoneId = SharedApp.newZone(api, "secrets");
    }

    static Stream<Arguments> secretFields() {
        return SettingsKind.all().stream().flatMap(k -> k.secrets().stream().map(f -> Arguments.of(k, f)));
    }

    private static long create(SettingsKind kind) {
        ApiClient.Answer created = api.post(kind.collection(zoneId), kind.sample());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private static String stored(SettingsKind kind, long id, FieldSpec field) {
        return kind.storedSecret(app.skyhold.repositories(), id, field.name()).orElse(null);
    }

    @Test
    void theCatalogsSecretsAllHaveASecondSampleValue() {
        List<String> secrets = secretFields().map(a -> ((FieldSpec) a.get()[1]).name()).distinct().toList();
        assertThat(secrets).contains("nginx_key", "aws_secret_access_key", "digital_ocean_token");
        assertThat(SampleSettings.OTHER_SECRETS).containsKeys(secrets.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("secretFields")
    void aSecretSentEmptyKeepsTheStoredValue(SettingsKind kind, FieldSpec field) {
        long id = create(kind);
        String original = PARSER.parse(field, kind.sample().get(field.name()));
        assertThat(stored(kind, id, field)).isEqualTo(original);

        for (Object empty : List.of("", "  ")) {
            ApiClient.Answer put = api.put(kind.item(zoneId, id), Map.of(field.name(), empty));

            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.body().get(field.name())).isEqualTo(ApiClient.JSON.createObjectNode().put("set", true));
            assertThat(stored(kind, id, field)).isEqualTo(original);
        }
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("secretFields")
    void aSecretSentNullIsClearedOrRefusedNamingItWhereItIsNeeded(SettingsKind kind, FieldSpec field) {
        long id = create(kind);
        String original = PARSER.parse(field, kind.sample().get(field.name()));
        Map<String, Object> asNull = new HashMap<>();
        asNull.put(field.name(), null);

        ApiClient.Answer put = api.put(kind.item(zoneId, id), asNull);

        if (put.status() == 400) {
            assertThat(put.errorFields()).as(put.toString()).contains(field.name());
            assertThat(stored(kind, id, field)).isEqualTo(original);
        } else {
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.body().get(field.name())).isEqualTo(ApiClient.JSON.createObjectNode().put("set", false));
            assertThat(stored(kind, id, field)).isNull();
        }
        assertThat(put.status()).as("a required secret of an enabled provider is refused")
                .isEqualTo(field.required() ? 400 : put.status());
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("secretFields")
    void aNewSecretValueReplacesTheStoredOneAndIsNotSentBack(SettingsKind kind, FieldSpec field) {
        long id = create(kind);
        String other = SampleSettings.OTHER_SECRETS.get(field.name());
        Map<String, String> change = new HashMap<>(Map.of(field.name(), other));
        if (field.name().equals("nginx_key")) {
            change.put("nginx_cert", SampleSettings.OTHER_SECRETS.get("nginx_cert"));
        }

        ApiClient.Answer put = api.put(kind.item(zoneId, id), change);

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().get(field.name())).isEqualTo(ApiClient.JSON.createObjectNode().put("set", true));
        assertThat(put.raw()).doesNotContain(PARSER.parse(field, other).lines().skip(1).findFirst().orElse(other));
        assertThat(stored(kind, id, field)).isEqualTo(PARSER.parse(field, other));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vmKinds")
    void aDisabledProviderSavedWithoutSecretsShowsThemAsNotSet(String vm) {
        SettingsKind kind = SettingsKind.vm(vm);
        ApiClient.Answer created = api.post(kind.collection(zoneId), Map.of("kind", kind.wire(),
                "name", SharedApp.unique("bare"), "enabled", false));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (FieldSpec secret : kind.secrets()) {
            assertThat(created.body().get(secret.name())).isEqualTo(ApiClient.JSON.createObjectNode().put("set", false));
        }
    }

    static Stream<String> vmKinds() {
        return TestCatalog.vmIds().stream().filter(k -> !SettingsKind.vm(k).secrets().isEmpty());
    }

    @Test
    void theKeptNginxKeyStillHasToMatchEveryNewCertificate() {
        SettingsKind zone = SettingsKind.zone();
        long id = create(zone);
        assertThat(api.put(zone.item(0, id), Map.of("nginx_key", "")).status()).isEqualTo(200);
        JsonNode before = api.get(zone.item(0, id)).body();

        ApiClient.Answer mismatch = api.put(zone.item(0, id), Map.of("nginx_cert",
                SampleSettings.OTHER_SECRETS.get("nginx_cert")));

        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body().get("errors")).hasSize(1);
        assertThat(mismatch.body().at("/errors/0/field").asText()).isEqualTo("nginx_key");
        assertThat(mismatch.body().at("/errors/0/message").asText()).isEqualTo("does not match the certificate in nginx_cert");
        assertThat(api.get(zone.item(0, id)).body()).isEqualTo(before);
        assertThat(app.skyhold.repositories().zones().find(id).orElseThrow().settings().nginxKey().reveal())
                .isEqualTo(SampleSettings.NGINX_KEY);
    }

    @Test
    void aNginxKeyWithoutACertificateIsRefused() {
        SettingsKind zone = SettingsKind.zone();
        Map<String, String> sample = zone.sample();
        sample.remove("nginx_cert");

        ApiClient.Answer refused = api.post(zone.collection(0), sample);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("nginx_cert");
        assertThat(api.get("/api/v1/zones").body()).noneMatch(z -> z.get("name").asText().equals(sample.get("name")));
    }
}
