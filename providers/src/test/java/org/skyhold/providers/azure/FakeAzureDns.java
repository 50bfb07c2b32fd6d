package org.skyhold.providers.azure;

import static org.skyhold.providers.azure.FakeArm.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.skyhold.providers.azure.FakeArm.Answer;

/**
 * The fake's Azure DNS: zones of the resource group with their A record sets, under
 * {@code .../providers/Microsoft.Network/dnsZones}. Record set names are relative to the zone ({@code @} for the
 * apex); a PUT replaces the set; deleting a missing set answers 204, as Azure does. Not thread-safe.
 */
public final class FakeAzureDns {
    /** An A record set as stored: zone, relative name, TTL and addresses. */
    public record RecordSet(String zone, String name, long ttl, List<String> addresses) {
        public String fqdn() {
            return name.equals("@") ? zone : name + "." + zone;
        }
    }

    private final Map<String, Map<String, RecordSet>> zones = new LinkedHashMap<>();
    private final String subscription;
    private final String group;

    FakeAzureDns(String subscription, String group) {
        this.subscription = subscription;
        this.group = group;
    }

    void zone(String name) {
        zones.putIfAbsent(name, new TreeMap<>());
    }

    List<RecordSet> records(String zone) {
        return List.copyOf(zones.get(zone).values());
    }

    Answer answer(String op, String zone, String name, JsonNode body, Map<String, String> query, int perPage,
                  String self) {
        if (op.equals("ListZones")) {
            return FakeArm.page(zones.keySet().stream().map(this::zoneJson).toList(), query, perPage, self);
        }
        Map<String, RecordSet> sets = zones.get(zone);
        if (sets == null) {
            return FakeArm.notFound("Microsoft.Network/dnszones", zone);
        }
        return switch (op) {
            case "ListRecords" -> FakeArm.page(sets.values().stream().map(this::setJson).toList(), query, perPage,
                    self);
            case "GetRecord" -> sets.containsKey(name) ? FakeArm.ok(setJson(sets.get(name)))
                    : FakeArm.notFound("Microsoft.Network/dnszones/" + zone + "/A", name);
            case "PutRecord" -> {
                JsonNode p = body.path("properties");
                List<String> addresses = new ArrayList<>();
                p.path("ARecords").forEach(a -> addresses.add(a.path("ipv4Address").asText()));
                if (!p.has("TTL") || addresses.isEmpty()) {
                    yield FakeArm.error(400, "BadRequest", "The record set needs a TTL and at least one A record.");
                }
                boolean existed = sets.containsKey(name);
                RecordSet set = new RecordSet(zone, name, p.path("TTL").asLong(), List.copyOf(addresses));
                sets.put(name, set);
                yield FakeArm.status(existed ? 200 : 201, setJson(set), Map.of());
            }
            case "DeleteRecord" -> FakeArm.status(sets.remove(name) == null ? 204 : 200, null, Map.of());
            default -> throw new IllegalArgumentException(op);
        };
    }

    private JsonNode zoneJson(String zone) {
        ObjectNode o = JSON.createObjectNode().put("id", FakeArm.id(subscription, group, "Microsoft.Network",
                "dnszones", zone)).put("name", zone).put("type", "Microsoft.Network/dnszones").put("location", "global");
        o.putObject("properties").put("numberOfRecordSets", zones.get(zone).size()).put("zoneType", "Public");
        return o;
    }

    private JsonNode setJson(RecordSet s) {
        ObjectNode o = JSON.createObjectNode().put("id", FakeArm.id(subscription, group, "Microsoft.Network",
                "dnszones", s.zone() + "/A/" + s.name())).put("name", s.name()).put("type", "Microsoft.Network/dnszones/A")
                .put("etag", Integer.toHexString(s.hashCode()));
        ObjectNode p = o.putObject("properties").put("fqdn", s.fqdn() + ".").put("TTL", s.ttl())
                .put("provisioningState", "Succeeded");
        s.addresses().forEach(a -> p.withArray("ARecords").addObject().put("ipv4Address", a));
        return o;
    }
}
