package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.RouteInfo;
import org.skyhold.domain.model.ApiScope;

/**
 * API keys carry one scope: read (GETs and metrics), sessions (read plus session request and end), admin. Its own
 * app, because the enumeration calls every write with an admin key.
 */
class ApiScopeTest {
    static TestApp app;
    static ApiClient admin;
    static final Map<ApiScope, String> KEYS = new EnumMap<>(ApiScope.class);
    static List<RouteInfo> routes;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        admin = new ApiClient(app);
        for (ApiScope s : ApiScope.values()) {
            ApiClient.Answer created = admin.post("/api/v1/api-keys", Map.of("name", s.wireName() + "-key",
                    "scope", s.wireName()));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.body().get("scope").asText()).isEqualTo(s.wireName());
            KEYS.put(s, created.body().get("key").asText());
        }
        routes = app.skyhold.routes();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static ApiClient key(ApiScope s) {
        return ApiClient.bearer(app, KEYS.get(s));
    }

    @Test
    void aReadKeyCannotWrite() {
        ApiClient read = key(ApiScope.READ);

        ApiClient.Answer refused = read.post("/api/v1/zones", Map.of("name", "by-read-key"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().at("/errors/0/message").asText()).contains("needs the admin scope");
        assertThat(app.skyhold.repositories().zones().list()).noneMatch(z -> z.name().equals("by-read-key"));
        assertThat(read.get("/api/v1/zones").status()).isEqualTo(200);
        assertThat(read.get("/metrics").status()).isEqualTo(200);
        assertThat(read.post("/api/v1/sessions", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aSessionsKeyCannotChangeSettings() {
        long zone = admin.post("/api/v1/zones", Map.of("name", "scoped")).body().get("id").asLong();
        ApiClient sessions = key(ApiScope.SESSIONS);

        ApiClient.Answer refused = sessions.put("/api/v1/zones/" + zone, Map.of("standby_cores", 8));
        ApiClient.Answer keyRefused = sessions.post("/api/v1/api-keys", Map.of("name", "x", "scope", "admin"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().at("/errors/0/message").asText()).contains("needs the admin scope");
        assertThat(keyRefused.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/zones/" + zone).body().get("standby_cores").asInt()).isZero();
        ApiClient.Answer asked = sessions.post("/api/v1/sessions", Map.of("zone_id", zone));
        assertThat(asked.status()).as("past the scope check to the handler: " + asked).isEqualTo(400);
    }

    @Test
    void theKeysPageShowsEachKeysScope() {
        String page = TestApp.send(HttpRequest.newBuilder(app.url("/api-keys"))
                .header("Cookie", app.sessionCookie()).GET().build()).body();
        assertThat(Jsoup.parse(page).select("#api-key-list td.scope").eachText())
                .contains("read", "sessions", "admin");
    }

    @Test
    void theOpenApiDocumentShowsEachOperationsScope() {
        JsonNode paths = admin.get("/api/openapi.json").body().get("paths");
        for (RouteInfo r : routes) {
            if (r.access() == Access.SIGNED_IN && r.json()) {
                JsonNode op = paths.get(r.path()).get(r.method().name().toLowerCase(Locale.ROOT));
                assertThat(op.get("x-skyhold-scope").asText()).as(r.method() + " " + r.path())
                        .isEqualTo(r.scope().wireName());
                assertThat(op.at("/security/0/apiKey/0").asText()).isEqualTo(r.scope().wireName());
            }
        }
    }

    @Test
    void onlySessionRequestAndEndAreWritesASessionsKeyMayMake() {
        assertThat(routes.stream().filter(r -> r.scope() == ApiScope.SESSIONS).map(r -> r.method() + " " + r.path()))
                .containsExactlyInAnyOrder("POST /api/v1/sessions", "DELETE /api/v1/sessions/{id}");
        assertThat(routes.stream().filter(r -> r.method() != HandlerType.GET)).allMatch(r -> r.scope() != ApiScope.READ);
    }

    /** Every signed-in route, called with a key of every scope: refused with 403 naming the scope exactly when
     *  the key's scope does not cover the route's; pages take no key at all. */
    @TestFactory
    Stream<DynamicTest> everyRouteWithEveryScope() {
        return routes.stream().filter(r -> r.access() == Access.SIGNED_IN).flatMap(route ->
                Stream.of(ApiScope.values()).map(scope -> DynamicTest.dynamicTest(
                        route.method() + " " + route.path() + " with a " + scope.wireName() + " key", () -> {
                            HttpResponse<String> r = call(route, KEYS.get(scope));
                            boolean api = route.path().startsWith("/api/") || route.path().equals("/metrics");
                            if (!api) {
                                assertThat(r.statusCode()).as("a page takes only the session cookie")
                                        .isIn(303, 401);
                            } else if (allowed(scope, route.scope())) {
                                assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403);
                            } else {
                                assertThat(r.statusCode()).isEqualTo(403);
                                assertThat(r.body()).contains("needs the " + route.scope().wireName() + " scope");
                            }
                        })));
    }

    /** The scope table of the issue, written out rather than read from {@link ApiScope#covers}. */
    private static boolean allowed(ApiScope key, ApiScope needed) {
        return switch (key) {
            case ADMIN -> true;
            case SESSIONS -> needed == ApiScope.SESSIONS || needed == ApiScope.READ;
            case READ -> needed == ApiScope.READ;
        };
    }

    private static HttpResponse<String> call(RouteInfo route, String key) {
        boolean withBody = route.method() == HandlerType.POST || route.method() == HandlerType.PUT;
        // an id nobody has: a write that passes the checks answers 404 or 400 and changes nothing
        String path = route.path().replaceAll("\\{[^}]+}", "999999");
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path)).method(route.method().name(),
                withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + key);
        if (withBody) {
            b.header("Content-Type", "application/json");
        }
        return TestApp.send(b.build());
    }
}
