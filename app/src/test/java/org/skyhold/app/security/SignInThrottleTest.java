package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.skyhold.app.TestApp;

/** Repeated failed sign-ins are slowed down, for the form and for HTTP Basic alike. Its own app: it locks admin. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottleTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> signIn(String password) {
        return BrowserSession.postForm(app, "/login", null, Map.of("username", "admin", "password", password,
                "next", "/"));
    }

    private static int retryAfter(HttpResponse<String> r) {
        return Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    @Order(1)
    void afterRepeatedFailuresEvenTheRightPasswordMustWaitWith429AndRetryAfter() throws InterruptedException {
        HttpResponse<String> throttled = null;
        int failures = 0;
        for (int attempt = 0; attempt < 12 && throttled == null; attempt++) {
            HttpResponse<String> r = signIn("wrong password");
            if (r.statusCode() == 429 && retryAfter(r) >= 2) {
                throttled = r; // at least a second of waiting left: enough to try the right password in it
            } else if (r.statusCode() == 429) {
                Thread.sleep(retryAfter(r) * 1000L);
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
                failures++;
            }
        }
        assertThat(failures).isGreaterThanOrEqualTo(5);
        assertThat(throttled).as("a 429 within 12 attempts").isNotNull();
        assertThat(throttled.body()).contains("Too many failed sign-ins");

        HttpResponse<String> right = signIn(TestApp.ADMIN_PASSWORD);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(retryAfter(right)).isPositive();
        assertThat(right.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(app.getAsAdmin("/api/v1/zones").statusCode()).as("Basic is throttled too").isEqualTo(401);

        Thread.sleep(retryAfter(right) * 1000L);
        assertThat(signIn(TestApp.ADMIN_PASSWORD).statusCode()).as("a slowdown, not a lockout").isEqualTo(303);
    }

    @Test
    @Order(2)
    void aSuccessfulBasicSignInForgivesEarlierFailuresAsTheFormDoes() {
        for (int i = 0; i < 4; i++) {
            assertThat(signIn("wrong password").statusCode()).isEqualTo(401);
        }
        assertThat(app.getAsAdmin("/api/v1/zones").statusCode()).isEqualTo(200);

        assertThat(signIn("wrong password").statusCode()).isEqualTo(401);
        assertThat(signIn("wrong password").statusCode()).as("the count started again").isEqualTo(401);
    }

    @Test
    @Order(3)
    void failuresForAnotherUserNameDoNotSlowDownTheAdmin() {
        for (int i = 0; i < 6; i++) {
            BrowserSession.postForm(app, "/login", null, Map.of("username", "mallory", "password", "x"));
        }

        assertThat(signIn(TestApp.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }
}
