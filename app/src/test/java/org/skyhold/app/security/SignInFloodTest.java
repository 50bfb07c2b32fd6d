package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.domain.model.Event;

/**
 * A flood of failed sign-ins from one address, behind a trusted proxy: it never stops the admin signing in from
 * another address, and the sign-ins and failures are events. Its own app, whose proxy is 127.0.0.1.
 */
class SignInFloodTest {
    private static final String ATTACKER = "203.0.113.9";
    private static final String ADMIN_DESK = "198.51.100.20";
    static TestApp app;

    @BeforeAll
    static void start() {
        var env = TestApp.env(TestApp.newDataDir());
        env.put("SKYHOLD_TRUSTED_PROXIES", "127.0.0.1/32, ::1/128");
        app = TestApp.start(env);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> signIn(String user, String password, String forwardedFor) {
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=/";
        return TestApp.send(HttpRequest.newBuilder(app.url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aFloodFromOneAddressNeverStopsTheAdminSigningInFromAnother() {
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            int status = signIn(UUID.randomUUID().toString(), "guess", "192.0.2.77, " + ATTACKER).statusCode();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        System.out.printf("flood: 2000 sign-ins with random names, %d throttled (429)%n", refused);

        assertThat(refused).as("the address is slowed down").isGreaterThan(1_900);
        assertThat(signIn("admin", TestApp.ADMIN_PASSWORD, ATTACKER).statusCode()).as("from the flooding address")
                .isEqualTo(429);
        assertThat(signIn("admin", TestApp.ADMIN_PASSWORD, ADMIN_DESK).statusCode()).isEqualTo(303);

        var events = app.skyhold.repositories().events();
        var failures = events.list(null, null, "auth.sign_in_failed", null, 5_000);
        assertThat(failures).as("only failures the throttle let through are written").hasSizeLessThan(40)
                .allSatisfy(e -> assertThat(e.reason()).contains("unknown user", "from " + ATTACKER));
        assertThat(events.list(null, null, "auth.signed_in", null, 10)).extracting(Event::reason)
                .anySatisfy(r -> assertThat(r).isEqualTo("admin signed in from " + ADMIN_DESK));
    }

    @Test
    void whatAClientWritesIntoXForwardedForBeforeTheProxysEntryIsIgnored() {
        // the header names the admin's desk, but a client behind an untrusted hop wrote it: the list is read
        // from the right, and the first address no trusted proxy owns (here the attacker's) is the client
        for (int i = 0; i < 30; i++) {
            signIn("admin", "wrong", ADMIN_DESK + ", 203.0.113.10");
        }

        assertThat(signIn("admin", TestApp.ADMIN_PASSWORD, "203.0.113.10").statusCode()).isEqualTo(429);
        assertThat(signIn("admin", TestApp.ADMIN_PASSWORD, ADMIN_DESK).statusCode()).isEqualTo(303);
    }

    @Test
    void theEventsOfASignInNameTheAccountOnlyWhenItExists() {
        signIn("admin", "not the password", "192.0.2.5");

        assertThat(app.skyhold.repositories().events().list(null, null, "auth.sign_in_failed", null, 5_000))
                .extracting(Event::reason).contains("admin failed sign-in from 192.0.2.5");
    }
}
