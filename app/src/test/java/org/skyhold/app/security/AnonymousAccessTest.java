package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.RequiredScope;
import org.skyhold.app.web.RouteInfo;

/** Every route the app registers refuses an anonymous caller unless it is meant to be open. */
class AnonymousAccessTest {
    private static final Set<String> MEANT_TO_BE_OPEN = Set.of("GET /healthz", "GET /login", "POST /login");
    /** Credentials that must count for nothing. */
    private static final Map<String, Map<String, String>> NO_CREDENTIALS = Map.of(
            "no credentials", Map.of(),
            "an unknown API key", Map.of("Authorization", "Bearer sk_abcdefghij_notarealsecret"),
            "a malformed API key", Map.of("Authorization", "Bearer nonsense"),
            "a forged session cookie", Map.of("Cookie", "skyhold_session=forged"),
            "Basic of an unknown user", Map.of("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("nobody:nothing".getBytes(StandardCharsets.UTF_8))),
            "an unknown scheme", Map.of("Authorization", "Token abc"));

    /** Where these callers come from (the shared app trusts 127.0.0.1 as a proxy), so their failed Basic
     *  sign-ins throttle that address, not the other tests' admin on 127.0.0.1. */
    private static final String ELSEWHERE = "198.51.100.7";
    static TestApp app;
    static List<RouteInfo> routes;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        routes = app.skyhold.routes();
    }

    private static String key(RouteInfo r) {
        return r.method() + " " + r.path();
    }

    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "1");
    }

    private static HttpResponse<String> call(RouteInfo route, Map<String, String> headers) {
        boolean withBody = route.method() == HandlerType.POST || route.method() == HandlerType.PUT;
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(concrete(route.path()))).method(route.method().name(),
                withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        b.header("X-Forwarded-For", ELSEWHERE);
        return TestApp.send(b.build());
    }

    @Test
    void theRouteTableHasTheRoutesThisTestIsAbout() {
        assertThat(routes).extracting(AnonymousAccessTest::key).contains("GET /", "POST /logout", "GET /api/v1/zones",
                "POST /api/v1/zones", "DELETE /api/v1/api-keys/{id}", "GET /api/openapi.json",
                "POST /api/v1/zones/{id}/vm-providers/{provider_id}/test");
        assertThat(routes.stream().filter(r -> r.access() == Access.SIGNED_IN)).hasSizeGreaterThan(20);
    }

    @Test
    void onlySignInAndHealthAreOpenAndOnlyAgentRoutesTakeAgentTokens() {
        assertThat(routes.stream().filter(r -> r.access() == Access.OPEN).map(AnonymousAccessTest::key))
                .allMatch(MEANT_TO_BE_OPEN::contains);
        assertThat(routes.stream().filter(r -> r.access() == Access.AGENT_TOKEN).map(RouteInfo::path))
                .containsExactlyInAnyOrder("/api/v1/agent/checkin", "/api/v1/agent/heartbeat");
    }

    @Test
    void javalinServesExactlyTheRoutesOfTheTableWithTheirAccessAndTheCheckRunsBeforeEveryOne() {
        List<Endpoint> endpoints = app.skyhold.javalin().unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint).toList();
        Map<String, Set<?>> served = endpoints.stream().filter(e -> e.getMethod().isHttpMethod())
                .collect(Collectors.toMap(e -> e.getMethod() + " " + e.getPath(), Endpoint::getRoles));
        Map<String, Set<?>> table = routes.stream().collect(Collectors.toMap(AnonymousAccessTest::key,
                r -> Set.of(r.access(), new RequiredScope(r.scope()))));

        assertThat(served).isEqualTo(table);
        assertThat(endpoints).anyMatch(e -> e.getMethod() == HandlerType.BEFORE_MATCHED && e.getPath().equals("*"));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteNotMeantToBeOpenRefusesACallerWithoutValidCredentials() {
        return routes.stream().filter(r -> r.access() == Access.SIGNED_IN).flatMap(route -> NO_CREDENTIALS.entrySet()
                .stream().map(creds -> DynamicTest.dynamicTest(key(route) + " with " + creds.getKey(), () -> {
                    HttpResponse<String> r = call(route, creds.getValue());
                    if (route.path().startsWith("/api/") || route.path().equals("/metrics")) {
                        assertThat(r.statusCode()).isEqualTo(401);
                        // a browser (it holds a session cookie) is never challenged for Basic: it would cache it
                        boolean browser = creds.getValue().containsKey("Cookie");
                        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> {
                            assertThat(v).contains("Bearer");
                            if (browser) {
                                assertThat(v).doesNotContain("Basic");
                            } else {
                                assertThat(v).contains("Basic");
                            }
                        });
                        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                                assertThat(v).startsWith("application/json"));
                        assertThat(ApiClient.JSON.readTree(r.body()).at("/errors/0/message").asText())
                                .startsWith("authentication required");
                    } else if (route.method() == HandlerType.GET) {
                        assertThat(r.statusCode()).isEqualTo(303);
                        assertThat(r.headers().firstValue("Location")).contains("/login?next="
                                + URLEncoder.encode(concrete(route.path()), StandardCharsets.UTF_8));
                    } else {
                        assertThat(r.statusCode()).isEqualTo(401);
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> aRouteThatTakesAgentTokensRefusesACallerWithoutOne() {
        return routes.stream().filter(r -> r.access() == Access.AGENT_TOKEN).map(route ->
                DynamicTest.dynamicTest(key(route), () -> assertThat(call(route, Map.of()).statusCode())
                        .isBetween(400, 499)));
    }

    @Test
    void anonymousWritesChangedNothing() {
        int zones = app.skyhold.repositories().zones().list().size();
        int keys = app.skyhold.repositories().apiKeys().list().size();
        routes.stream().filter(r -> r.access() == Access.SIGNED_IN && r.method() != HandlerType.GET)
                .forEach(r -> call(r, Map.of()));

        assertThat(app.skyhold.repositories().zones().list()).hasSize(zones);
        assertThat(app.skyhold.repositories().apiKeys().list()).hasSize(keys);
    }

    @Test
    void healthAnswersAnAnonymousCaller() {
        HttpResponse<String> health = app.get("/healthz");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");
    }

    @Test
    void theSignInPageAndItsFormAnswerAnAnonymousCaller() {
        HttpResponse<String> page = app.get("/login?next=/zones/1");
        assertThat(page.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(page.body());
        assertThat(doc.select("form[action=/login][method=post] input[name=password][type=password]")).hasSize(1);
        assertThat(doc.select("input[name=next]").attr("value")).isEqualTo("/zones/1");

        HttpResponse<String> refused = TestApp.send(HttpRequest.newBuilder(app.url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=wrong&next=/")).build());
        assertThat(refused.statusCode()).as("reached the sign-in handler, which refused the password").isEqualTo(401);
        assertThat(refused.body()).contains("Wrong user name or password.");
    }

    @Test
    void staticFilesAnswerAnAnonymousCallerButAPathClimbingOutOfThemIsStillChecked() {
        assertThat(app.get("/static/css/skyhold.css").statusCode()).isEqualTo(200);

        for (String sneaky : List.of("/static/../api/v1/zones", "/static/%2e%2e/api/v1/zones",
                "/static/..%2Fapi/v1/zones", "/static/%2e%2e/%2e%2e/api/v1/api-keys")) {
            HttpResponse<String> r = app.get(sneaky);
            assertThat(r.statusCode()).as(sneaky).isNotEqualTo(200);
            assertThat(r.body()).as(sneaky).doesNotContain("\"id\"");
        }
    }
}
