package org.skyhold.providers.gcp;

import static org.skyhold.providers.gcp.FakeGcpJson.JSON;
import static org.skyhold.providers.gcp.FakeGcpJson.error;
import static org.skyhold.providers.gcp.FakeGcpJson.notFound;
import static org.skyhold.providers.gcp.FakeGcpJson.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.skyhold.providers.gcp.FakeGcpJson.Answer;

/**
 * The Cloud DNS part of {@link FakeGcp}: managed zones of the project, their record sets, and changes that apply
 * as Cloud DNS applies them (a deletion must match the record set exactly, else 412 conditionNotMet; an addition
 * of an existing set is 409 alreadyExists; names are absolute, ending in a dot). Callers hold the fake's lock.
 */
public final class FakeGcpDns {
    /** A record set as the fake keeps it. */
    public record RecordSet(String name, String type, int ttl, List<String> rrdatas) {
        JsonNode json() {
            ObjectNode o = JSON.createObjectNode().put("kind", "dns#resourceRecordSet").put("name", name)
                    .put("type", type).put("ttl", ttl);
            rrdatas.forEach(o.putArray("rrdatas")::add);
            return o;
        }

        static RecordSet of(JsonNode j) {
            List<String> data = new ArrayList<>();
            j.path("rrdatas").forEach(d -> data.add(d.asText()));
            return new RecordSet(j.path("name").asText(), j.path("type").asText(), j.path("ttl").asInt(), data);
        }
    }

    /** Managed zones by resource name: DNS name and record sets by name and type. */
    final Map<String, String> zones = new LinkedHashMap<>();
    final Map<String, Map<String, RecordSet>> records = new LinkedHashMap<>();
    int maxPerPage = 100;
    private final String project;
    private int changes = 1;

    FakeGcpDns(String project) {
        this.project = project;
    }

    void addZone(String dnsName) {
        String id = dnsName.replace('.', '-');
        zones.put(id, dnsName + ".");
        records.put(id, new LinkedHashMap<>());
    }

    /** Cloud DNS's name of the call, from the path after {@code /dns/v1/projects/}. */
    static String operation(String method, String[] p) {
        if (p.length == 2) {
            return "managedZones.list";
        }
        if (p.length == 4 && p[3].equals("rrsets")) {
            return "resourceRecordSets.list";
        }
        return p.length == 4 && p[3].equals("changes") && method.equals("POST") ? "changes.create" : "unknown";
    }

    Answer answer(String op, String[] p, Map<String, String> q, JsonNode body) {
        if (!p[0].equals(project)) {
            return error(403, "forbidden", "The caller does not have permission", null);
        }
        if (op.equals("managedZones.list")) {
            List<JsonNode> all = new ArrayList<>();
            zones.forEach((id, dns) -> all.add(JSON.createObjectNode().put("kind", "dns#managedZone").put("name", id)
                    .put("dnsName", dns).put("id", String.valueOf(Math.abs(id.hashCode()))).put("visibility", "public")));
            return FakeGcpJson.page("dns#managedZonesListResponse", "managedZones", all, q, maxPerPage);
        }
        Map<String, RecordSet> zone = records.get(p.length > 2 ? p[2] : "");
        if (zone == null) {
            return notFound("projects/" + project + "/managedZones/" + (p.length > 2 ? p[2] : ""));
        }
        return switch (op) {
            case "resourceRecordSets.list" -> FakeGcpJson.page("dns#resourceRecordSetsListResponse", "rrsets",
                    zone.values().stream().filter(r -> q.get("name") == null || r.name().equals(q.get("name")))
                            .filter(r -> q.get("type") == null || r.type().equals(q.get("type")))
                            .map(RecordSet::json).toList(), q, maxPerPage);
            case "changes.create" -> change(p[2], zone, body);
            default -> error(404, "notFound", "No such method in the fake: " + op, null);
        };
    }

    private Answer change(String zoneId, Map<String, RecordSet> zone, JsonNode body) {
        String suffix = zones.get(zoneId);
        for (JsonNode j : iterable(body.path("deletions"), body.path("additions"))) {
            String name = j.path("name").asText();
            if (!name.endsWith(".") || !(name.equals(suffix) || name.endsWith("." + suffix))) {
                return error(400, "invalid", "Invalid value for 'entity.change.additions[0].name': '" + name + "'",
                        null);
            }
        }
        Map<String, RecordSet> after = new LinkedHashMap<>(zone);
        for (JsonNode j : body.path("deletions")) {
            RecordSet d = RecordSet.of(j);
            if (!Objects.equals(after.remove(d.name() + "/" + d.type()), d)) {
                return error(412, "conditionNotMet", "The resource 'entity.change.deletions[" + d.name() + "]["
                        + d.type() + "]' does not match the current record set", null);
            }
        }
        for (JsonNode j : body.path("additions")) {
            RecordSet a = RecordSet.of(j);
            if (after.putIfAbsent(a.name() + "/" + a.type(), a) != null) {
                return error(409, "alreadyExists", "The resource 'entity.change.additions[" + a.name() + "]["
                        + a.type() + "]' named '" + a.name() + " (" + a.type() + ")' already exists", null);
            }
        }
        zone.clear();
        zone.putAll(after);
        ObjectNode c = ((ObjectNode) body.deepCopy()).put("kind", "dns#change").put("id", String.valueOf(changes++))
                .put("status", "pending").put("startTime", "2026-12-01T08:00:00.000Z");
        return ok(c);
    }

    private static List<JsonNode> iterable(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }
}
