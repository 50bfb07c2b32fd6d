package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** What GCE checks of an insert before it starts the operation, in its own words. */
final class FakeGcpInsertCheck {
    private static final String API = "https://www.googleapis.com/compute/v1/";

    private FakeGcpInsertCheck() {
    }

    /** Null when the insert is fine; a 400 message, or "404 " and the missing resource. */
    static String problem(JsonNode body, String zone, String project, Set<String> machineTypes, Set<String> images,
                          Set<String> networks, Set<String> subnetworks) {
        String name = body.path("name").asText();
        if (!name.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return "Invalid value for field 'resource.name': '" + name + "'. Must be a match of regex "
                    + "'(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'";
        }
        String type = relative(body.path("machineType").asText());
        String prefix = "zones/" + zone + "/machineTypes/";
        if (!type.startsWith(prefix) && !type.startsWith("projects/" + project + "/" + prefix)) {
            return "Invalid value for field 'resource.machineType': '" + type + "'. Machine type must be in zone "
                    + zone + ".";
        }
        String t = type.substring(type.lastIndexOf('/') + 1);
        if (!machineTypes.contains(t)) {
            return "Invalid value for field 'resource.machineType': '" + type + "'. Machine type with name '" + t
                    + "' does not exist in zone '" + zone + "'.";
        }
        JsonNode boot = body.path("disks").path(0);
        if (!boot.path("boot").asBoolean()) {
            return "Invalid value for field 'resource.disks': ''. Boot disk must be specified.";
        }
        String image = relative(boot.path("initializeParams").path("sourceImage").asText());
        if (!images.contains(image)) {
            return "404 " + image;
        }
        JsonNode nic = body.path("networkInterfaces").path(0);
        String network = relative(nic.path("network").asText());
        if (!network.isEmpty() && !networks.contains(network.substring(network.lastIndexOf('/') + 1))) {
            return "404 " + network;
        }
        String subnetwork = relative(nic.path("subnetwork").asText());
        if (!subnetwork.isEmpty()) {
            String[] s = subnetwork.split("/");
            if (s.length < 4 || !subnetworks.contains(s[s.length - 3] + "/" + s[s.length - 1])) {
                return "404 " + subnetwork;
            }
        }
        for (JsonNode a : body.path("guestAccelerators")) {
            if (!relative(a.path("acceleratorType").asText()).contains("/zones/" + zone + "/acceleratorTypes/")) {
                return "Invalid value for field 'resource.guestAccelerators[0].acceleratorType': '"
                        + a.path("acceleratorType").asText() + "'. Accelerator type must be a zonal resource URL.";
            }
            if (!"TERMINATE".equals(body.path("scheduling").path("onHostMaintenance").asText())) {
                return "Instances with guest accelerators do not support live migration.";
            }
        }
        return null;
    }

    private static String relative(String ref) {
        return ref.startsWith(API) ? ref.substring(API.length()) : ref;
    }
}
