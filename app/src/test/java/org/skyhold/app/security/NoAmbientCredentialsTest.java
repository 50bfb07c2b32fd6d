package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.RouteInfo;

/**
 * Nothing a browser attaches on its own (cached Basic credentials) can make a write happen: pages take only the
 * session cookie, API writes take only JSON, and the API never asks a browser for Basic credentials.
 */
class NoAmbientCredentialsTest {
    static TestApp app;
    static List<RouteInfo> apiWrites;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        apiWrites = app.skyhold.routes().stream().filter(r -> r.access() == Access.SIGNED_IN && r.json()
                && r.method() != HandlerType.GET).toList();
    }

    private static int changes() {
        var repos = app.skyhold.repositories();
        return repos.zones().list().size() + repos.apiKeys().list().size() + repos.dnsProviders().list().size()
                + repos.images().list().size();
    }

    @Test
    void theApiHasWritesForThisTestToEnumerate() {
        assertThat(apiWrites).hasSizeGreaterThan(15);
    }

    /** What a page on another site can make a browser send: a form POST, with the Basic credentials it cached. */
    @TestFactory
    Stream<DynamicTest> aCrossSiteFormPostWithBasicCredentialsToAnyApiWriteIsRefused() {
        return apiWrites.stream().map(route -> DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> {
            int before = changes();
            String path = route.path().replaceAll("\\{[^}]+}", "1");
            HttpResponse<String> r = TestApp.send(HttpRequest.newBuilder(app.url(path))
                    .method(route.method().name(), HttpRequest.BodyPublishers.ofString("name=forged&scope=admin"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://evil.example")
                    .header("Authorization", TestApp.basicAdmin()).build());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
            assertThat(r.body()).contains("application/json");
            assertThat(changes()).isEqualTo(before);
        }));
    }

    @Test
    void aPostWithoutAnyContentTypeIsRefusedToo() {
        HttpResponse<String> r = TestApp.send(HttpRequest.newBuilder(app.url("/api/v1/zones"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"typeless\"}"))
                .header("Authorization", TestApp.basicAdmin()).build());

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(app.skyhold.repositories().zones().list()).noneMatch(z -> z.name().equals("typeless"));
    }

    @Test
    void pagesIgnoreBasicCredentials() {
        HttpResponse<String> page = TestApp.send(HttpRequest.newBuilder(app.url("/"))
                .header("Authorization", TestApp.basicAdmin()).GET().build());
        HttpResponse<String> post = TestApp.send(HttpRequest.newBuilder(app.url("/api-keys"))
                .header("Authorization", TestApp.basicAdmin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=forged&scope=admin")).build());

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(app.skyhold.repositories().apiKeys().list()).noneMatch(k -> k.name().equals("forged"));
    }

    @Test
    void theApiDoesNotAskABrowserForBasicCredentials() {
        HttpResponse<String> navigation = TestApp.send(HttpRequest.newBuilder(app.url("/api/v1/zones"))
                .header("Accept", "text/html,application/xhtml+xml").GET().build());
        HttpResponse<String> withCookie = TestApp.send(HttpRequest.newBuilder(app.url("/api/v1/zones"))
                .header("Cookie", "skyhold_session=expired").GET().build());
        HttpResponse<String> script = TestApp.send(HttpRequest.newBuilder(app.url("/api/v1/zones")).GET().build());

        for (HttpResponse<String> browser : List.of(navigation, withCookie)) {
            assertThat(browser.statusCode()).isEqualTo(401);
            assertThat(browser.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.contains("Basic"));
        }
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("Basic"));
    }

    @Test
    void aCookieAuthenticatedJsonWriteStillNeedsTheCsrfToken() {
        BrowserSession browser = BrowserSession.signIn(app);
        ApiClient withCookie = ApiClient.anonymous(app).with("Cookie", browser.cookie);

        assertThat(withCookie.post("/api/v1/zones", Map.of("name", SharedApp.unique("ambient"))).status())
                .isEqualTo(403);
        assertThat(withCookie.with("X-CSRF-Token", browser.csrfToken())
                .post("/api/v1/zones", Map.of("name", SharedApp.unique("ambient"))).status()).isEqualTo(201);
    }
}
