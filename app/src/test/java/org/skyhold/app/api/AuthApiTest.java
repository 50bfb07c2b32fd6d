package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.model.ApiKey;

/** API keys (created, listed, used, revoked) and the admin's HTTP Basic. */
class AuthApiTest {
    static TestApp app;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        admin = new ApiClient(app);
    }

    private static JsonNode newKey() {
        ApiClient.Answer created = admin.post("/api/v1/api-keys", Map.of("name", SharedApp.unique("deploy"), "scope", "admin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body();
    }

    private static String secretPart(String key) {
        return key.substring(key.indexOf('_', 3) + 1);
    }

    @Test
    void aNewKeyIsShownOnceWithItsPrefixAndWorksAsBearer() {
        JsonNode created = newKey();
        String key = created.get("key").asText();

        assertThat(created.get("prefix").asText()).matches("sk_[a-z0-9]{10}");
        assertThat(key).startsWith(created.get("prefix").asText() + "_");
        assertThat(secretPart(key)).hasSizeGreaterThanOrEqualTo(43);
        assertThat(created.get("revoked_at").isNull()).isTrue();
        assertThat(ApiClient.bearer(app, key).get("/api/v1/zones").status()).isEqualTo(200);
    }

    @Test
    void theListShowsKeysWithoutTheirSecretOrHash() {
        JsonNode created = newKey();
        String secret = secretPart(created.get("key").asText());
        ApiKey stored = app.skyhold.repositories().apiKeys().findByPrefix(created.get("prefix").asText().substring(3))
                .orElseThrow();

        ApiClient.Answer list = admin.get("/api/v1/api-keys");

        JsonNode listed = null;
        for (JsonNode k : list.body()) {
            if (k.get("id").asLong() == created.get("id").asLong()) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "prefix", "scope",
                "created_at", "last_used_at", "revoked_at");
        assertThat(list.raw()).doesNotContain(secret).doesNotContain(stored.keyHash());
    }

    @Test
    void onlyAHashOfTheKeyIsStored() {
        JsonNode created = newKey();
        String secret = secretPart(created.get("key").asText());

        ApiKey stored = app.skyhold.repositories().apiKeys().findByPrefix(created.get("prefix").asText().substring(3))
                .orElseThrow();

        assertThat(stored.keyHash()).matches("[0-9a-f]{64}").doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(secret);
    }

    @Test
    void aUseOfTheKeyIsRecorded() {
        JsonNode created = newKey();
        ApiClient.bearer(app, created.get("key").asText()).get("/api/v1/zones");

        JsonNode listed = admin.get("/api/v1/api-keys").body();

        assertThat(listed).anySatisfy(k -> {
            assertThat(k.get("id").asLong()).isEqualTo(created.get("id").asLong());
            assertThat(k.get("last_used_at").asText()).isNotBlank();
        });
    }

    @Test
    void aWrongOrUnknownOrMalformedKeyIsRefused() {
        String prefix = newKey().get("prefix").asText();

        for (String wrong : List.of(prefix + "_wrongsecret", "sk_nosuchprefx_secret", "sk_", "sk_onlyprefix", "", "x")) {
            ApiClient.Answer a = ApiClient.bearer(app, wrong).get("/api/v1/zones");
            assertThat(a.status()).as(wrong).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void aRevokedKeyIsRefusedAndShownAsRevoked() {
        JsonNode created = newKey();
        ApiClient bearer = ApiClient.bearer(app, created.get("key").asText());
        assertThat(bearer.get("/api/v1/zones").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/api-keys/" + created.get("id").asLong()).status()).isEqualTo(204);

        assertThat(bearer.get("/api/v1/zones").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/api-keys").body()).anySatisfy(k -> {
            assertThat(k.get("id").asLong()).isEqualTo(created.get("id").asLong());
            assertThat(k.get("revoked_at").asText()).isNotBlank();
        });
        assertThat(admin.delete("/api/v1/api-keys/999999").status()).isEqualTo(404);
    }

    @Test
    void aKeyCanRevokeItselfButCannotBeUsedAfterwards() {
        JsonNode created = newKey();
        ApiClient bearer = ApiClient.bearer(app, created.get("key").asText());

        assertThat(bearer.delete("/api/v1/api-keys/" + created.get("id").asLong()).status()).isEqualTo(204);
        assertThat(bearer.get("/api/v1/api-keys").status()).isEqualTo(401);
    }

    @Test
    void aKeyNeedsANameOfAtMost100Characters() {
        ApiClient.Answer noName = admin.post("/api/v1/api-keys", Map.of("scope", "admin"));
        ApiClient.Answer longName = admin.post("/api/v1/api-keys", Map.of("name", "k".repeat(101), "scope", "admin"));

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.errorFields()).containsExactly("name");
        assertThat(longName.errorFields()).containsExactly("name");
    }

    @Test
    void basicWithAWrongPasswordOrUnknownUserIsRefused() {
        for (String credentials : List.of("admin:wrong password", "nobody:" + TestApp.ADMIN_PASSWORD, "admin", ":")) {
            String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            ApiClient.Answer a = ApiClient.anonymous(app).with("Authorization", header).get("/api/v1/zones");
            assertThat(a.status()).as(credentials).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).contains("Basic");
        }
        assertThat(ApiClient.anonymous(app).with("Authorization", "Basic %%%").get("/api/v1/zones").status())
                .isEqualTo(401);
        assertThat(admin.get("/api/v1/zones").status()).isEqualTo(200);
    }
}
