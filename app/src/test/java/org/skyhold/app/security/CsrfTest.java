package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.model.Zone;

/** A cookie-authenticated write needs the session's CSRF token; a script with a key or Basic does not. */
class CsrfTest {
    static TestApp app;
    static BrowserSession browser;
    static String token;
    static ApiClient withCookie;

    @BeforeAll
    static void signIn() {
        app = SharedApp.get();
        browser = BrowserSession.signIn(app);
        token = browser.csrfToken();
        withCookie = ApiClient.anonymous(app).with("Cookie", browser.cookie);
    }

    private static boolean zoneExists(String name) {
        return app.skyhold.repositories().zones().list().stream().map(Zone::name).anyMatch(name::equals);
    }

    @Test
    void theHomePageCarriesTheSessionsToken() {
        assertThat(browser.signIn.statusCode()).isEqualTo(303);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(browser.csrfToken()).as("stable for the session").isEqualTo(token);
    }

    @Test
    void aCookieAuthenticatedJsonWriteWithoutTheTokenIsRefusedAndChangesNothing() {
        String name = SharedApp.unique("csrf");

        ApiClient.Answer refused = withCookie.post("/api/v1/zones", Map.of("name", name));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().at("/errors/0/message").asText()).contains("CSRF");
        assertThat(zoneExists(name)).isFalse();
    }

    @Test
    void aWrongTokenOrTheTokenOfAnotherSessionIsRefused() {
        String name = SharedApp.unique("csrf");
        String othersToken = BrowserSession.signIn(app).csrfToken();
        assertThat(othersToken).isNotEqualTo(token);

        assertThat(withCookie.with("X-CSRF-Token", "wrong").post("/api/v1/zones", Map.of("name", name)).status())
                .isEqualTo(403);
        assertThat(withCookie.with("X-CSRF-Token", othersToken).post("/api/v1/zones", Map.of("name", name)).status())
                .isEqualTo(403);
        assertThat(zoneExists(name)).isFalse();
    }

    @Test
    void theSameWriteWithTheTokenInTheHeaderSucceeds() {
        String name = SharedApp.unique("csrf");

        ApiClient.Answer created = withCookie.with("X-CSRF-Token", token).post("/api/v1/zones", Map.of("name", name));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(zoneExists(name)).isTrue();
    }

    @Test
    void putAndDeleteWithACookieNeedTheTokenToo() {
        ApiClient.Answer created = new ApiClient(app).post("/api/v1/zones", Map.of("name", SharedApp.unique("csrf")));
        String item = "/api/v1/zones/" + created.body().get("id").asLong();

        assertThat(withCookie.put(item, Map.of("standby_cores", 9)).status()).isEqualTo(403);
        assertThat(withCookie.delete(item).status()).isEqualTo(403);
        assertThat(withCookie.get(item).body().get("standby_cores").asInt()).isZero();

        assertThat(withCookie.with("X-CSRF-Token", token).put(item, Map.of("standby_cores", 9)).status()).isEqualTo(200);
        assertThat(withCookie.with("X-CSRF-Token", token).delete(item).status()).isEqualTo(204);
    }

    @Test
    void readsWithACookieNeedNoToken() {
        assertThat(withCookie.get("/api/v1/zones").status()).isEqualTo(200);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aFormPostWithoutTheTokenIsRefusedAndChangesNothing() {
        int keys = app.skyhold.repositories().apiKeys().list().size();

        assertThat(browser.postForm("/api/v1/api-keys", Map.of("name", "forged")).statusCode())
                .as("the API takes no form at all").isEqualTo(415);
        assertThat(browser.postForm("/api-keys", Map.of("name", "forged", "scope", "admin")).statusCode())
                .isEqualTo(403);
        assertThat(browser.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);

        assertThat(app.skyhold.repositories().apiKeys().list()).hasSize(keys);
        assertThat(browser.get("/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aFormPostWithTheTokenAsFormFieldSucceeds() {
        BrowserSession leaving = BrowserSession.signIn(app);

        HttpResponse<String> out = leaving.postForm("/logout", Map.of("_csrf", leaving.csrfToken()));

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login?notice=signed-out");
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).startsWith("skyhold_session=;").contains("Max-Age=0"));
        assertThat(leaving.get("/").statusCode()).as("the session ended on the server").isEqualTo(303);
    }

    @Test
    void scriptsWithBasicOrAnApiKeyNeedNoToken() {
        ApiClient basic = new ApiClient(app);
        ApiClient.Answer key = basic.post("/api/v1/api-keys", Map.of("name", SharedApp.unique("csrf-key"), "scope", "admin"));
        assertThat(key.status()).isEqualTo(201);
        ApiClient bearer = ApiClient.bearer(app, key.body().get("key").asText());

        assertThat(basic.post("/api/v1/zones", Map.of("name", SharedApp.unique("basic"))).status()).isEqualTo(201);
        ApiClient.Answer created = bearer.post("/api/v1/zones", Map.of("name", SharedApp.unique("bearer")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(bearer.delete("/api/v1/zones/" + created.body().get("id").asLong()).status()).isEqualTo(204);
    }
}
