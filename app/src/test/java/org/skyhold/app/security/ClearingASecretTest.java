package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.config.MasterKey;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.persistence.crypto.AesGcmSecretCipher;

/** A stored secret can be cleared (JSON null, the form's clear box) and is then gone from the database. */
class ClearingASecretTest {
    static Map<String, String> env;
    static TestApp app;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        env = TestApp.env(TestApp.newDataDir());
        app = TestApp.start(env);
        admin = new ApiClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String provider(String zoneName, boolean enabled) {
        long zone = admin.post("/api/v1/zones", Map.of("name", zoneName)).body().get("id").asLong();
        Map<String, String> fields = new HashMap<>(SampleSettings.vmProvider("digitalocean"));
        fields.put("enabled", Boolean.toString(enabled));
        ApiClient.Answer created = admin.post("/api/v1/zones/" + zone + "/vm-providers", fields);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return "/api/v1/zones/" + zone + "/vm-providers/" + created.body().get("id").asLong();
    }

    /** The row's sealed secrets column, opened with the installation's master key: the names it holds. */
    private static String storedSecrets(long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(env.get("SKYHOLD_DATABASE_URL"),
                env.get("SKYHOLD_DATABASE_USER"), env.get("SKYHOLD_DATABASE_PASSWORD"));
             PreparedStatement s = c.prepareStatement("SELECT secrets FROM vm_provider_configs WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                byte[] sealed = rs.getBytes(1);
                if (sealed == null) {
                    return null;
                }
                AesGcmSecretCipher cipher = new AesGcmSecretCipher(MasterKey.load(null,
                        Path.of(env.get("SKYHOLD_DATA_DIR"))));
                return new String(cipher.open(sealed, "vm_provider_configs.secrets"), StandardCharsets.UTF_8);
            }
        }
    }

    private static long id(String item) {
        return Long.parseLong(item.substring(item.lastIndexOf('/') + 1));
    }

    @Test
    void aClearedSecretIsGoneFromTheDatabase() throws SQLException {
        String item = provider("clear-json", false);
        assertThat(storedSecrets(id(item))).contains("digital_ocean_token", SampleSettings.DO_TOKEN);

        Map<String, Object> clear = new HashMap<>();
        clear.put("digital_ocean_token", null);
        ApiClient.Answer cleared = admin.put(item, clear);

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.body().at("/digital_ocean_token/set").asBoolean()).isFalse();
        String stored = storedSecrets(id(item));
        assertThat(stored == null ? "" : stored).doesNotContain("digital_ocean_token")
                .doesNotContain(SampleSettings.DO_TOKEN);
    }

    @Test
    void anEnabledProviderThatNeedsTheSecretRefusesToClearItNamingTheField() throws SQLException {
        String item = provider("clear-enabled", true);
        Map<String, Object> clear = new HashMap<>();
        clear.put("digital_ocean_token", null);

        ApiClient.Answer refused = admin.put(item, clear);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("digital_ocean_token");
        assertThat(storedSecrets(id(item))).contains(SampleSettings.DO_TOKEN);
    }

    @Test
    void theFormsClearBoxClearsTheSecret() throws SQLException {
        String item = provider("clear-form", false);
        String page = item.replace("/api/v1", "");
        Document form = Jsoup.parse(TestApp.send(HttpRequest.newBuilder(app.url(page))
                .header("Cookie", app.sessionCookie()).GET().build()).body());
        assertThat(form.select("input[type=checkbox][name=_clear][value=digital_ocean_token]")).hasSize(1);
        String csrf = form.select("input[name=_csrf]").first().attr("value");

        var answer = BrowserSession.postForm(app, page, app.sessionCookie(), Map.of("_csrf", csrf,
                "_clear", "digital_ocean_token"));

        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 303);
        String stored = storedSecrets(id(item));
        assertThat(stored == null ? "" : stored).doesNotContain(SampleSettings.DO_TOKEN);
        JsonNode json = admin.get(item).body();
        assertThat(json.at("/digital_ocean_token/set").asBoolean()).isFalse();
    }
}
