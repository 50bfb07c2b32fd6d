package org.skyhold.providers.gcp;

import static org.skyhold.providers.gcp.FakeGcpJson.JSON;
import static org.skyhold.providers.gcp.FakeGcpJson.error;
import static org.skyhold.providers.gcp.FakeGcpJson.notFound;
import static org.skyhold.providers.gcp.FakeGcpJson.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.providers.Faults;
import org.skyhold.providers.gcp.FakeGcpJson.Answer;

/**
 * The Compute Engine part of {@link FakeGcp}: instances (insert, get, list with a label filter, delete), the
 * machine types, images, networks and subnetworks an insert refers to, and the project. An insert is checked as GCE
 * checks it (request id a UUID, machine type in the zone, image, network and subnetwork existing) and a repeated
 * request id answers the first operation. Callers hold the fake's lock.
 */
final class FakeGcpCompute {
    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern LABEL_FILTER = Pattern.compile("^labels\\.([a-z0-9_-]+)\\s*=\\s*\"?([^\"]*)\"?$");

    /** A machine type's size. */
    record MachineType(String name, int cpus, int memoryMb, int gpus) {
    }

    final Map<String, FakeGcpInstance> instances = new LinkedHashMap<>();
    final Map<String, MachineType> machineTypes = new LinkedHashMap<>();
    final Set<String> images = new TreeSet<>();
    final Set<String> networks = new TreeSet<>();
    final Set<String> subnetworks = new TreeSet<>();
    private final Faults faults;
    final Deque<FakeGcpOperations.Failure> insertFailures = new ArrayDeque<>();
    FakeGcpOperations.Failure insertFailureAlways;
    int instanceLimit = 50;
    int maxPerPage = 500;

    private final String project;
    private final FakeGcpOperations operations;
    private final Map<String, JsonNode> byRequestId = new HashMap<>();
    private int next = 1;

    FakeGcpCompute(String project, FakeGcpOperations operations, Faults faults) {
        this.faults = faults;
        this.project = project;
        this.operations = operations;
    }

    /** GCE's name of the call ({@code instances.insert}), from the path after {@code /compute/v1/projects/}. */
    static String operation(String method, String[] p) {
        if (p.length == 1) {
            return "projects.get";
        }
        String collection = p.length >= 4 ? p[3] : "";
        if (p[1].equals("zones") && collection.equals("instances")) {
            return p.length == 4 ? (method.equals("POST") ? "instances.insert" : "instances.list")
                    : (method.equals("DELETE") ? "instances.delete" : "instances.get");
        }
        if (p[1].equals("zones")) {
            return collection.equals("operations") ? "zoneOperations.get" : collection + ".get";
        }
        if (p[1].equals("global") && p[2].equals("images")) {
            return p.length == 5 ? "images.getFromFamily" : "images.get";
        }
        return p[1].equals("global") ? p[2] + ".get" : p.length >= 4 ? p[3] + ".get" : "unknown";
    }

    Answer answer(String op, String[] p, Map<String, String> q, JsonNode body) {
        if (!p[0].equals(project)) {
            return error(403, "forbidden", "Required 'compute.projects.get' permission for 'projects/" + p[0] + "'",
                    null);
        }
        return switch (op) {
            case "projects.get" -> ok(JSON.createObjectNode().put("kind", "compute#project").put("name", project)
                    .put("id", "123456789012"));
            case "instances.insert" -> insert(p[2], q, body);
            case "instances.get" -> instance(p[2], p[4]);
            case "instances.list" -> list(p[2], q);
            case "instances.delete" -> delete(p[2], p[4]);
            case "zoneOperations.get" -> operations.get(p[2], p[4]);
            case "machineTypes.get" -> machineTypes.containsKey(p[4]) ? ok(machineTypeJson(p[2], machineTypes.get(p[4])))
                    : notFound("projects/" + project + "/zones/" + p[2] + "/machineTypes/" + p[4]);
            case "images.get" -> images.contains("projects/" + project + "/global/images/" + p[3])
                    ? ok(JSON.createObjectNode().put("name", p[3]).put("status", "READY").put("diskSizeGb", "20"))
                    : notFound("projects/" + project + "/global/images/" + p[3]);
            case "images.getFromFamily" -> images.contains("projects/" + project + "/global/images/family/" + p[4])
                    ? ok(JSON.createObjectNode().put("name", p[4] + "-v1").put("family", p[4]).put("status", "READY"))
                    : notFound("projects/" + project + "/global/images/family/" + p[4]);
            case "networks.get" -> networks.contains(p[3]) ? ok(JSON.createObjectNode().put("name", p[3]))
                    : notFound("projects/" + project + "/global/networks/" + p[3]);
            case "subnetworks.get" -> subnetworks.contains(p[2] + "/" + p[4])
                    ? ok(JSON.createObjectNode().put("name", p[4]).put("ipCidrRange", "10.164.0.0/20"))
                    : notFound("projects/" + project + "/regions/" + p[2] + "/subnetworks/" + p[4]);
            default -> error(404, "notFound", "No such method in the fake: " + op, null);
        };
    }

    private Answer insert(String zone, Map<String, String> q, JsonNode body) {
        String requestId = q.get("requestId");
        if (requestId != null && !UUID.matcher(requestId).matches()) {
            return error(400, "invalid", "Invalid value for field 'requestId': '" + requestId + "'. The request id "
                    + "must be a valid UUID with the exception that zero UUID is not supported.", null);
        }
        if (requestId != null && byRequestId.containsKey(requestId)) {
            return ok(byRequestId.get(requestId).deepCopy());
        }
        String name = body.path("name").asText();
        if (instances.containsKey(zone + "/" + name)) {
            return error(409, "alreadyExists", "The resource 'projects/" + project + "/zones/" + zone
                    + "/instances/" + name + "' already exists", null);
        }
        String problem = FakeGcpInsertCheck.problem(body, zone, project, machineTypes.keySet(), images, networks,
                subnetworks);
        if (problem != null) {
            return problem.startsWith("404 ") ? notFound(problem.substring(4))
                    : error(400, "invalid", problem, null);
        }
        FakeGcpOperations.Failure failure = !insertFailures.isEmpty() ? insertFailures.poll() : insertFailureAlways;
        if (failure == null && live().size() >= instanceLimit) {
            failure = new FakeGcpOperations.Failure("QUOTA_EXCEEDED", "Quota 'INSTANCES' exceeded.  Limit: "
                    + instanceLimit + ".0 in region europe-west4.", 403);
        }
        JsonNode op = operations.start(project, zone, "insert", name, failure);
        if (failure == null) {
            int n = next++;
            FakeGcpInstance made = new FakeGcpInstance(name, zone, body, requestId, "10.164.0." + (n % 250 + 2),
                    String.valueOf(7_000_000_000_000L + n));
            instances.put(zone + "/" + name, made);
            faults.created(made.labels().get("skyhold-agent"), (int) instances.values().stream()
                    .filter(i -> !i.status.equals("STOPPING")).count());
        }
        if (requestId != null) {
            byRequestId.put(requestId, op);
        }
        return ok(op);
    }

    private Answer instance(String zone, String name) {
        FakeGcpInstance i = instances.get(zone + "/" + name);
        return i == null ? notFound("projects/" + project + "/zones/" + zone + "/instances/" + name)
                : ok(i.json(project));
    }

    private Answer list(String zone, Map<String, String> q) {
        String filter = q.getOrDefault("filter", "").trim();
        Matcher m = LABEL_FILTER.matcher(filter);
        if (!filter.isEmpty() && !m.matches()) {
            return error(400, "invalid", "Invalid list filter expression '" + filter + "'.", null);
        }
        List<JsonNode> all = instances.values().stream().filter(i -> i.zone.equals(zone))
                .filter(i -> filter.isEmpty() || m.group(2).equals(i.labels().get(m.group(1))))
                .map(i -> i.json(project)).toList();
        return FakeGcpJson.page("compute#instanceList", "items", all, q, maxPerPage);
    }

    private Answer delete(String zone, String name) {
        FakeGcpInstance i = instances.get(zone + "/" + name);
        if (i == null) {
            return notFound("projects/" + project + "/zones/" + zone + "/instances/" + name);
        }
        i.status = "STOPPING";
        return ok(operations.start(project, zone, "delete", name, null));
    }

    List<FakeGcpInstance> live() {
        return instances.values().stream().toList();
    }

    private ObjectNode machineTypeJson(String zone, MachineType t) {
        ObjectNode o = JSON.createObjectNode().put("kind", "compute#machineType").put("name", t.name())
                .put("guestCpus", t.cpus()).put("memoryMb", t.memoryMb()).put("zone", zone);
        if (t.gpus() > 0) {
            o.putArray("accelerators").addObject().put("guestAcceleratorType", "nvidia-l4")
                    .put("guestAcceleratorCount", t.gpus());
        }
        return o;
    }
}
