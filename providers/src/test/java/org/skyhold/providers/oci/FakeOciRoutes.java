package org.skyhold.providers.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link FakeOci} needs to know of OCI's routes: the operation of a method and path, the checks OCI makes of
 * a LaunchInstance body, and the DNS record operations.
 */
final class FakeOciRoutes {
    private FakeOciRoutes() {
    }

    static String operation(String method, String path) {
        String[] p = path.split("/");
        String api = p.length > 1 ? p[1] : "";
        String collection = p.length > 2 ? p[2] : "";
        boolean one = p.length == 4;
        if (api.equals("20180115") && collection.equals("zones")) {
            if (p.length == 3 && method.equals("GET")) {
                return "ListZones";
            }
            if (p.length == 5 && p[4].equals("records") && method.equals("GET")) {
                return "GetZoneRecords";
            }
            if (p.length == 7 && p[4].equals("records")) {
                return method.equals("PUT") ? "UpdateRRSet" : method.equals("DELETE") ? "DeleteRRSet" : "GetRRSet";
            }
            return "Unknown";
        }
        if (!api.equals("20160918")) {
            return "Unknown";
        }
        return switch (collection + (one ? "/{id}" : "") + " " + method) {
            case "instances POST" -> "LaunchInstance";
            case "instances GET" -> "ListInstances";
            case "instances/{id} GET" -> "GetInstance";
            case "instances/{id} DELETE" -> "TerminateInstance";
            case "vnicAttachments GET" -> "ListVnicAttachments";
            case "vnics/{id} GET" -> "GetVnic";
            case "users/{id} GET" -> "GetUser";
            case "availabilityDomains GET" -> "ListAvailabilityDomains";
            case "shapes GET" -> "ListShapes";
            case "images/{id} GET" -> "GetImage";
            case "subnets/{id} GET" -> "GetSubnet";
            default -> "Unknown";
        };
    }

    /**
     * What OCI would refuse in a LaunchInstance body, or null: "404 ..." for an unknown image or subnet (OCI's
     * NotAuthorizedOrNotFound), anything else is an InvalidParameter message.
     */
    static String launchProblem(JsonNode b, List<String> ads, List<String> images, Collection<String> subnets,
                                Collection<String> shapes, boolean flexible) {
        if (!ads.contains(b.path("availabilityDomain").asText())) {
            return "Invalid availabilityDomain " + b.path("availabilityDomain").asText();
        }
        if (!shapes.contains(b.path("shape").asText())) {
            return "Invalid shape " + b.path("shape").asText();
        }
        if (flexible && !b.path("shapeConfig").path("ocpus").isNumber()) {
            return "Shape " + b.path("shape").asText() + " is flexible; shapeConfig.ocpus is required";
        }
        if (!b.path("sourceDetails").path("sourceType").asText().equals("image")
                || !images.contains(b.path("sourceDetails").path("imageId").asText())) {
            return "404 image";
        }
        if (!subnets.contains(b.path("createVnicDetails").path("subnetId").asText())) {
            return "404 subnet";
        }
        String userData = b.path("metadata").path("user_data").asText("");
        try {
            Base64.getDecoder().decode(userData);
        } catch (IllegalArgumentException e) {
            return "metadata.user_data is not base64";
        }
        int metadataBytes = 0;
        for (JsonNode v : b.path("metadata")) {
            metadataBytes += v.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        return metadataBytes > 32_000 ? "The metadata may not exceed 32000 bytes" : null;
    }

    static FakeOciJson.Answer dns(FakeOci fake, String op, String[] p, Map<String, String> q, JsonNode body) {
        Optional<FakeOciDns.Zone> found = fake.dns().zone(p[3]);
        if (found.isEmpty()) {
            return FakeOciJson.notFound();
        }
        FakeOciDns.Zone zone = found.get();
        if (op.equals("GetZoneRecords")) {
            String contains = q.getOrDefault("domainContains", "");
            String rtype = q.get("rtype");
            return fake.page(fake.dns().records(zone).stream()
                    .filter(r -> r.domain().contains(contains) && (rtype == null || rtype.equals("A")))
                    .map(r -> FakeOciDns.collection(List.of(r)).path("items").get(0)).toList(), q)
                    .withItemsWrapped();
        }
        String domain = p[5];
        if (!p[6].equals("A")) {
            return FakeOciJson.error(400, "InvalidParameter", "The fake keeps A records only.", null);
        }
        if (!domain.equals(zone.name()) && !domain.endsWith("." + zone.name())) {
            return FakeOciJson.error(400, "InvalidParameter", "Domain " + domain + " is not in zone " + zone.name(), null);
        }
        if (op.equals("DeleteRRSet")) {
            return fake.dns().delete(zone, domain) ? FakeOciJson.noContent() : FakeOciJson.notFound();
        }
        List<FakeOci.Rec> items = FakeOciDns.items(body, zone.name(), domain);
        if (items == null) {
            return FakeOciJson.error(400, "InvalidParameter", "Every item must be an A record of " + domain, null);
        }
        return FakeOciJson.ok(FakeOciDns.collection(fake.dns().replace(zone, domain, items)));
    }
}
