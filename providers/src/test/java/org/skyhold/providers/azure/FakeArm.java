package org.skyhold.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resource Manager's wire shapes for the fake: answers, error bodies, paged listings and query strings. */
final class FakeArm {
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeArm() {
    }

    /** An answer: status, JSON body (null for none) and extra headers. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {
    }

    static Answer ok(JsonNode body) {
        return new Answer(200, body, Map.of());
    }

    static Answer status(int status, JsonNode body, Map<String, String> headers) {
        return new Answer(status, body, headers);
    }

    /** Resource Manager's error body {@code {"error": {"code", "message"}}}. */
    static Answer error(int status, String code, String message, Integer retryAfterSeconds) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new Answer(status, body, retryAfterSeconds == null ? Map.of()
                : Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    static Answer notFound(String type, String name) {
        return error(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group was not "
                + "found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static Answer error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    /**
     * One page of a listing: {@code $skiptoken} is the offset, {@code nextLink} the full URL of the next page (the
     * SDK follows it as it is).
     */
    static Answer page(List<? extends JsonNode> all, Map<String, String> query, int perPage, String selfUrl) {
        int from = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        int to = Math.min(all.size(), from + perPage);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        all.subList(from, to).forEach(value::add);
        if (to < all.size()) {
            body.put("nextLink", selfUrl + (selfUrl.contains("?") ? "&" : "?") + "$skiptoken=" + to);
        }
        return ok(body);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** The resource id of a resource in a resource group. */
    static String id(String subscription, String group, String provider, String type, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + provider + "/" + type
                + "/" + name;
    }
}
