package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.providers.gcp.FakeGcpJson.Answer;

/**
 * The zonal operations of {@link FakeGcp}: an insert or delete answers a RUNNING operation that is DONE at its
 * first {@code zoneOperations.get}, with the error it was given (a zone out of resources, a quota) if any. Callers
 * hold the fake's lock.
 */
final class FakeGcpOperations {
    /** An operation's failure as GCE reports it: code, message, HTTP status. */
    record Failure(String code, String message, int httpStatus) {
    }

    private final String base;
    private final Map<String, ObjectNode> operations = new HashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private int next = 1;

    FakeGcpOperations(String base) {
        this.base = base;
    }

    /** A new RUNNING operation on {@code target}; {@code failure} (or null) is reported once it is DONE. */
    JsonNode start(String project, String zone, String type, String target, Failure failure) {
        String name = "operation-" + (1_700_000_000_000L + next) + "-fake" + next++;
        String zoneUrl = base + "/compute/v1/projects/" + project + "/zones/" + zone;
        ObjectNode op = FakeGcpJson.JSON.createObjectNode().put("kind", "compute#operation")
                .put("id", String.valueOf(4_000_000_000L + next)).put("name", name).put("zone", zoneUrl)
                .put("operationType", type).put("targetLink", zoneUrl + "/instances/" + target)
                .put("status", "RUNNING").put("progress", 0).put("insertTime", "2026-12-01T08:00:00.000-07:00")
                .put("selfLink", zoneUrl + "/operations/" + name);
        operations.put(name, op);
        if (failure != null) {
            failures.put(name, failure);
        }
        return op.deepCopy();
    }

    /** The operation, DONE from now on. */
    Answer get(String zone, String name) {
        ObjectNode op = operations.get(name);
        if (op == null || !op.path("zone").asText().endsWith("/zones/" + zone)) {
            return FakeGcpJson.notFound("operations/" + name);
        }
        if (!"DONE".equals(op.path("status").asText())) {
            op.put("status", "DONE").put("progress", 100).put("endTime", "2026-12-01T08:00:05.000-07:00");
            Failure f = failures.get(name);
            if (f != null) {
                op.putObject("error").putArray("errors").addObject().put("code", f.code()).put("message", f.message());
                op.put("httpErrorStatusCode", f.httpStatus()).put("httpErrorMessage", f.httpStatus() == 403
                        ? "FORBIDDEN" : "SERVICE UNAVAILABLE");
            }
        }
        return FakeGcpJson.ok(op.deepCopy());
    }
}
