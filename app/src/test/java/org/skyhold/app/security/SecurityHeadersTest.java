package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SharedApp;

/** Security headers on every kind of answer, and the session cookie's attributes. */
class SecurityHeadersTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return TestApp.send(b.build());
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        String admin = TestApp.basicAdmin();
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("sign-in page", send("GET", "/login", null, null));
        answers.put("home page", send("GET", "/", admin, null));
        answers.put("page redirect to sign-in", send("GET", "/", null, null));
        answers.put("JSON", send("GET", "/api/v1/zones", admin, null));
        answers.put("JSON 401", send("GET", "/api/v1/zones", null, null));
        answers.put("JSON 400", send("POST", "/api/v1/zones", admin, "[]"));
        answers.put("JSON 404", send("GET", "/api/v1/zones/999999", admin, null));
        answers.put("unknown path", send("GET", "/no/such/page", null, null));
        answers.put("static file", send("GET", "/static/css/skyhold.css", null, null));
        answers.put("health", send("GET", "/healthz", null, null));

        answers.forEach((what, r) -> {
            var h = r.headers();
            assertThat(h.firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'"));
            assertThat(h.firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).as(what).contains("same-origin");
        });
        assertThat(answers.get("JSON").headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(answers.get("home page").headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(answers.get("JSON 400").statusCode()).isEqualTo(400);
        assertThat(answers.get("unknown path").statusCode()).isEqualTo(404);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToTheSite() {
        BrowserSession browser = BrowserSession.signIn(app);
        String setCookie = browser.signIn.headers().firstValue("Set-Cookie").orElseThrow();

        assertThat(browser.cookie).startsWith("skyhold_session=");
        assertThat(browser.cookie.substring("skyhold_session=".length())).hasSizeGreaterThanOrEqualTo(43);
        assertThat(setCookie).contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/")
                .contains("Max-Age=");
        assertThat(setCookie).as("plain http here; Secure is set behind https").doesNotContain("Secure");
        assertThat(browser.signIn.headers().firstValue("Location")).contains("/");
    }

    @Test
    void aFailedSignInSetsNoCookie() {
        HttpResponse<String> refused = BrowserSession.postForm(app, "/login", null,
                Map.of("username", "nobody", "password", "wrong"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theSignInPageSendsOnlyToLocalPathsAfterSignIn() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example"}) {
            HttpResponse<String> page = app.get("/login?next=" + java.net.URLEncoder.encode(next,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(org.jsoup.Jsoup.parse(page.body()).select("input[name=next]").attr("value")).as(next)
                    .isEqualTo("/");
        }
    }
}
