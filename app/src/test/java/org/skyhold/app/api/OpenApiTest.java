package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.RouteInfo;

/** {@code GET /api/openapi.json} describes exactly the JSON routes the app registers. */
class OpenApiTest {
    static TestApp app;
    static JsonNode doc;
    static List<RouteInfo> jsonRoutes;

    @BeforeAll
    static void read() {
        app = SharedApp.get();
        ApiClient.Answer answer = new ApiClient(app).get("/api/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        doc = answer.body();
        jsonRoutes = app.skyhold.routes().stream().filter(r -> r.path().startsWith("/api/")).toList();
    }

    private static String method(RouteInfo r) {
        return r.method().name().toLowerCase(Locale.ROOT);
    }

    @Test
    void itIsAnOpenApi31DocumentWithBothWaysToAuthenticate() {
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/title").asText()).isNotBlank();
        assertThat(doc.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    }

    @Test
    void everyJsonRouteIsListedWithItsMethodSummaryPathParametersAndSecurity() {
        assertThat(jsonRoutes).hasSizeGreaterThan(15);
        for (RouteInfo route : jsonRoutes) {
            JsonNode op = doc.path("paths").path(route.path()).path(method(route));
            assertThat(op.isObject()).as(route.method() + " " + route.path()).isTrue();
            assertThat(op.get("summary").asText()).isEqualTo(route.summary());
            List<String> params = new ArrayList<>();
            op.path("parameters").forEach(p -> params.add(p.get("name").asText() + "@" + p.get("in").asText()));
            List<String> expected = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route.path());
            while (m.find()) {
                expected.add(m.group(1) + "@path");
            }
            assertThat(params).as(route.path()).containsExactlyElementsOf(expected);
            if (route.access() == Access.SIGNED_IN) {
                assertThat(op.get("security").toString()).contains("apiKey").contains("basic");
            }
            assertThat(op.path("responses").has("401")).isTrue();
        }
    }

    @Test
    void itListsNothingTheAppDoesNotServeAndNoPage() {
        List<String> documented = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m + " " + p.getKey())));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                jsonRoutes.stream().map(r -> method(r) + " " + r.path()).toList());
        assertThat(documented).noneMatch(d -> d.endsWith(" /") || d.contains(" /login"));
    }
}
