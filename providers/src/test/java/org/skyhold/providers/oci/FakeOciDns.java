package org.skyhold.providers.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS half of {@link FakeOci}: primary zones of compartments and their A records, answered in the shapes of
 * OCI DNS API 20180115 ({@code ZoneSummary}, {@code RecordCollection}). Not thread-safe: {@link FakeOci} calls it
 * under its lock.
 */
final class FakeOciDns {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A zone as the fake keeps it. */
    record Zone(String id, String name, String compartment) {
    }

    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, List<FakeOci.Rec>> records = new LinkedHashMap<>();
    private int nextId = 1;

    Zone add(String name, String compartment) {
        Zone z = new Zone("ocid1.dns-zone.oc1..aaaaaaaafakezone" + String.format("%08d", nextId++), name, compartment);
        zones.put(z.id(), z);
        records.put(z.id(), new ArrayList<>());
        return z;
    }

    Optional<Zone> zone(String nameOrId) {
        return zones.values().stream().filter(z -> z.id().equals(nameOrId) || z.name().equals(nameOrId)).findFirst();
    }

    List<Zone> inCompartment(String compartment) {
        return zones.values().stream().filter(z -> z.compartment().equals(compartment)).toList();
    }

    List<FakeOci.Rec> records(Zone z) {
        return records.get(z.id());
    }

    /** UpdateRRSet: the name's A records become the request's items. */
    List<FakeOci.Rec> replace(Zone z, String domain, List<FakeOci.Rec> items) {
        List<FakeOci.Rec> all = records.get(z.id());
        all.removeIf(r -> r.domain().equals(domain));
        all.addAll(items);
        return items;
    }

    /** DeleteRRSet: whether there was anything to delete. */
    boolean delete(Zone z, String domain) {
        return records.get(z.id()).removeIf(r -> r.domain().equals(domain));
    }

    static ObjectNode summary(Zone z) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", z.id()).put("name", z.name()).put("compartmentId", z.compartment()).put("zoneType", "PRIMARY")
                .put("scope", "GLOBAL").put("lifecycleState", "ACTIVE").put("serial", 1).put("version", "1")
                .put("isProtected", false).put("self", "/20180115/zones/" + z.id())
                .put("timeCreated", "2026-01-01T00:00:00.000Z");
        o.putObject("freeformTags");
        o.putObject("definedTags");
        return o;
    }

    static ObjectNode collection(List<FakeOci.Rec> items) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode arr = o.putArray("items");
        for (FakeOci.Rec r : items) {
            arr.addObject().put("domain", r.domain()).put("rtype", "A").put("rdata", r.rdata()).put("ttl", r.ttl())
                    .put("recordHash", Integer.toHexString((r.domain() + r.rdata()).hashCode()))
                    .put("isProtected", false).put("rrsetVersion", "1");
        }
        return o;
    }

    /** The items of an UpdateRRSet body, or null when one names another domain or type than the path. */
    static List<FakeOci.Rec> items(JsonNode body, String zone, String domain) {
        List<FakeOci.Rec> out = new ArrayList<>();
        for (JsonNode i : body.path("items")) {
            if (!domain.equals(i.path("domain").asText()) || !"A".equals(i.path("rtype").asText())) {
                return null;
            }
            out.add(new FakeOci.Rec(zone, domain, i.path("rdata").asText(), i.path("ttl").asInt()));
        }
        return out;
    }
}
