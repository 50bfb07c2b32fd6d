package org.skyhold.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.skyhold.app.web.HealthController;

class HealthControllerTest {
    @Test
    void healthAnswers503WhenTheDatabaseDoesNotAnswer() {
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        app.get("/healthz", new HealthController(() -> false, () -> "")::health);
        JavalinTest.test(app, (server, client) -> {
            var response = client.get("/healthz");
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.body().string()).isEqualTo("database unavailable");
        });
    }
}
