package org.skyhold.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;

/** The whole app on its own embedded PostgreSQL, as README's quick start runs it. */
class SkyholdLifecycleTest {
    @Test
    void anAppOnItsEmbeddedDatabaseServesHealthAndHomeAndKeepsItsDataAcrossARestart() {
        Path dataDir = TestApp.newDataDir();
        Map<String, String> env = Map.of("SKYHOLD_PORT", "0", "SKYHOLD_BIND", "127.0.0.1",
                "SKYHOLD_DATA_DIR", dataDir.toString(), "SKYHOLD_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
        String installationId;
        try (TestApp app = TestApp.start(env)) {
            var health = app.get("/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");

            assertThat(app.get("/").statusCode()).as("anonymous home").isEqualTo(303);
            assertThat(app.get("/login").body()).contains("<h1>Sign in</h1>");
            var home = app.getAsAdmin("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/html"));
            assertThat(home.body()).contains("<h1>Zones</h1>", "No zone yet");

            app.skyhold.repositories().zones().create(ZoneSettings.defaults("eu-west"));
            installationId = app.skyhold.installationId();
        }
        assertThat(dataDir.resolve("pg/cluster/PG_VERSION")).exists();

        try (TestApp again = TestApp.start(env)) {
            assertThat(again.skyhold.repositories().zones().list()).extracting(Zone::name).containsExactly("eu-west");
            assertThat(again.skyhold.installationId()).isEqualTo(installationId);
            assertThat(again.getAsAdmin("/").body()).contains("eu-west");
            assertThat(again.get("/static/css/skyhold.css").statusCode()).isEqualTo(200);
        }
    }
}
