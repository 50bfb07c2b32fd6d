package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instance as the fake keeps it; {@code insert} is the request body exactly as sent. */
public final class FakeGcpInstance {
    public final String name;
    public final String zone;
    public final JsonNode insert;
    public final String requestId;
    public final String networkIp;
    final String id;
    public volatile String status = "PROVISIONING";
    public volatile String natIp;

    FakeGcpInstance(String name, String zone, JsonNode insert, String requestId, String networkIp, String id) {
        this.name = name;
        this.zone = zone;
        this.insert = insert;
        this.requestId = requestId;
        this.networkIp = networkIp;
        this.id = id;
    }

    public Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        insert.path("labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        insert.path("metadata").path("items").forEach(i -> out.put(i.path("key").asText(), i.path("value").asText()));
        return out;
    }

    JsonNode json(String project) {
        ObjectNode o = (ObjectNode) insert.deepCopy();
        String zoneUrl = "https://www.googleapis.com/compute/v1/projects/" + project + "/zones/" + zone;
        o.put("kind", "compute#instance").put("id", id).put("status", status).put("zone", zoneUrl)
                .put("selfLink", zoneUrl + "/instances/" + name)
                .put("creationTimestamp", "2026-12-01T08:00:00.000-07:00");
        JsonNode nic = o.path("networkInterfaces").path(0);
        if (nic instanceof ObjectNode n) {
            n.put("name", "nic0").put("networkIP", networkIp);
            if (natIp != null && n.path("accessConfigs").path(0) instanceof ObjectNode a) {
                a.put("natIP", natIp);
            }
        }
        return o;
    }
}
