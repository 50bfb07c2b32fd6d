package org.skyhold.providers.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of {@link FakeOci} in OCI's JSON shapes: resources, pages and errors. */
final class FakeOciJson {
    private static final ObjectMapper JSON = FakeOci.JSON;

    private FakeOciJson() {
    }

    record Answer(int status, JsonNode body, Map<String, String> headers) {
        /** The same page as a DNS {@code RecordCollection}: {@code {"items": [...]}} instead of a bare array. */
        Answer withItemsWrapped() {
            ObjectNode o = JSON.createObjectNode();
            o.set("items", body);
            return new Answer(status, o, headers);
        }
    }

    static JsonNode attachmentJson(FakeOci.Instance i) {
        return JSON.createObjectNode().put("id", i.vnicId.replace("vnic", "vnicattachment")).put("instanceId", i.id)
                .put("vnicId", i.vnicId).put("compartmentId", i.launch.path("compartmentId").asText())
                .put("availabilityDomain", i.launch.path("availabilityDomain").asText())
                .put("subnetId", i.launch.path("createVnicDetails").path("subnetId").asText())
                .put("lifecycleState", i.state.equals("PROVISIONING") ? "ATTACHING" : "ATTACHED");
    }

    static JsonNode shapeJson(String name, int ocpus, int memoryGb, int gpus, boolean flexible) {
        return JSON.createObjectNode().put("shape", name).put("ocpus", ocpus).put("memoryInGBs", memoryGb)
                .put("gpus", gpus).put("isFlexible", flexible);
    }

    /** A page of a listing: {@code page} is the offset the previous page's {@code opc-next-page} named. */
    static Answer page(List<JsonNode> all, Map<String, String> q, int maxPerPage) {
        int from = q.containsKey("page") ? Integer.parseInt(q.get("page").replace("page-", "")) : 0;
        int size = Math.min(maxPerPage, q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : maxPerPage);
        int to = Math.min(all.size(), from + size);
        Map<String, String> headers = to < all.size() ? Map.of("opc-next-page", "page-" + to) : Map.of();
        return new Answer(200, array(all.subList(from, to)), headers);
    }

    static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = JSON.createArrayNode();
        items.forEach(a::add);
        return a;
    }

    static Answer ok(JsonNode body) {
        return new Answer(200, body, Map.of());
    }

    static Answer ok(JsonNode body, Map<String, String> headers) {
        return new Answer(200, body, headers);
    }

    static Answer noContent() {
        return new Answer(204, null, Map.of());
    }

    static Answer notFound() {
        return error(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.", null);
    }

    static Answer error(int status, String code, String message, Integer retryAfterSeconds) {
        Map<String, String> headers = retryAfterSeconds == null ? Map.of()
                : Map.of("Retry-After", retryAfterSeconds.toString());
        return new Answer(status, JSON.createObjectNode().put("code", code).put("message", message), headers);
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
}
