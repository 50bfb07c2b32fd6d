package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.RouteInfo;
import org.skyhold.app.web.Routes;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3.1 document made from the route table itself, so it lists every JSON
 * route the app serves and cannot drift from it.
 */
public final class OpenApiController {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");
    private final Supplier<List<RouteInfo>> routes;
    private final ObjectMapper json;

    public OpenApiController(Supplier<List<RouteInfo>> routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    public void register(Routes r) {
        r.get("/api/openapi.json", this::document, Access.SIGNED_IN, "This OpenAPI document");
    }

    private void document(Context ctx) {
        ctx.json(document());
    }

    ObjectNode document() {
        ObjectNode doc = json.createObjectNode().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "Skyhold API").put("version", "1");
        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        schemes.putObject("apiKey").put("type", "http").put("scheme", "bearer").put("description",
                "An API key (sk_...). Its scope, read < sessions < admin, must cover each operation's x-skyhold-scope.");
        schemes.putObject("basic").put("type", "http").put("scheme", "basic");
        ObjectNode paths = doc.putObject("paths");
        for (RouteInfo route : routes.get()) {
            if (!route.json()) {
                continue;
            }
            // withObjectProperty, not with(): with() reads a name that starts with "/" as a JSON pointer and nests it
            ObjectNode op = paths.withObjectProperty(route.path())
                    .putObject(route.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", route.summary());
            ArrayNode params = op.putArray("parameters");
            Matcher m = PARAM.matcher(route.path());
            while (m.find()) {
                params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            ArrayNode security = op.putArray("security");
            if (route.access() == Access.SIGNED_IN) {
                // the scope an API key needs; OpenAPI 3.1 lets non-OAuth schemes list required roles this way
                op.put("x-skyhold-scope", route.scope().wireName());
                security.addObject().putArray("apiKey").add(route.scope().wireName());
                security.addObject().putArray("basic");
            }
            if (route.access() == Access.AGENT_TOKEN) {
                security.addObject().putArray("apiKey");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "OK");
            responses.putObject("400").put("description", "Refused input: {\"errors\":[{\"field\",\"message\"}]}");
            responses.putObject("401").put("description", "Not authenticated");
            if (route.access() == Access.SIGNED_IN) {
                responses.putObject("403").put("description", "The API key's scope is not "
                        + route.scope().wireName() + " or wider");
                if (route.method() != HandlerType.GET) {
                    responses.putObject("415").put("description", "The body is not sent as application/json");
                }
            }
        }
        return doc;
    }
}
