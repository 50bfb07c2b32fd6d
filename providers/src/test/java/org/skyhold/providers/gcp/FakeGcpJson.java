package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of {@link FakeGcp} in Google's JSON shapes: resources, pages and errors. */
final class FakeGcpJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeGcpJson() {
    }

    /** An answer: status, JSON body (or null), extra headers. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {
    }

    static Answer ok(JsonNode body) {
        return new Answer(200, body, Map.of());
    }

    /**
     * Google's error shape: {@code {"error": {"code", "message", "status", "errors": [{"message", "domain",
     * "reason"}]}}}; {@code retryAfterSeconds} may be null.
     */
    static Answer error(int status, String reason, String message, Integer retryAfterSeconds) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode inner = e.putObject("error").put("code", status).put("message", message)
                .put("status", statusName(status));
        inner.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
        return new Answer(status, e, retryAfterSeconds == null ? Map.of()
                : Map.of("Retry-After", retryAfterSeconds.toString()));
    }

    static Answer notFound(String resource) {
        return error(404, "notFound", "The resource '" + resource + "' was not found", null);
    }

    /** One page of {@code all} under {@code field}: {@code pageToken} is the offset the last page handed out. */
    static Answer page(String kind, String field, List<JsonNode> all, Map<String, String> q, int maxPerPage) {
        int from = q.containsKey("pageToken") && !q.get("pageToken").isEmpty()
                ? Integer.parseInt(q.get("pageToken").replace("p", "")) : 0;
        int size = Math.min(maxPerPage, q.containsKey("maxResults") ? Integer.parseInt(q.get("maxResults"))
                : maxPerPage);
        int to = Math.min(all.size(), from + size);
        ObjectNode o = JSON.createObjectNode().put("kind", kind);
        ArrayNode items = o.putArray(field);
        all.subList(from, to).forEach(items::add);
        if (to < all.size()) {
            o.put("nextPageToken", "p" + to);
        }
        return ok(o);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 412 -> "FAILED_PRECONDITION";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "UNKNOWN";
        };
    }
}
