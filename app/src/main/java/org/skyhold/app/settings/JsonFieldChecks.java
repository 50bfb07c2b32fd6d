package org.skyhold.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.regex.Pattern;

/** The shape checks of JSON fields whose rules go beyond "an object" or "a list of objects". */
final class JsonFieldChecks {
    private static final Pattern DOT_PATH = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.([A-Za-z_][A-Za-z0-9_]*|\\d+))*$");

    private JsonFieldChecks() {
    }

    static String object(String field, JsonNode node) {
        switch (field) {
            case "gcp_config_override" -> {
                if (node.has("name") || node.has("labels")) {
                    throw new IllegalArgumentException("may not set name or labels (Skyhold sets them)");
                }
            }
            case "azure_image_reference" -> {
                boolean byId = node.size() == 1 && node.path("id").isTextual();
                boolean byName = node.size() == 4 && node.path("publisher").isTextual() && node.path("offer").isTextual()
                        && node.path("sku").isTextual() && node.path("version").isTextual();
                if (!byId && !byName) {
                    throw new IllegalArgumentException(
                            "must be {\"publisher\", \"offer\", \"sku\", \"version\"} or {\"id\"}, all strings");
                }
            }
            case "azure_config_override" -> {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String path = it.next();
                    if (!DOT_PATH.matcher(path).matches()) {
                        throw new IllegalArgumentException("has \"" + path
                                + "\", which is not a dot-notation path such as os_profile.admin_username");
                    }
                }
            }
            case "gcp_service_account" -> {
                if (!node.path("email").isTextual()) {
                    throw new IllegalArgumentException("must have an \"email\" string");
                }
                JsonNode scopes = node.path("scopes");
                if (!scopes.isMissingNode() && !(scopes.isArray() && allText(scopes))) {
                    throw new IllegalArgumentException("must have \"scopes\" as a list of strings");
                }
            }
            default -> {
                // any object is fine
            }
        }
        return node.toString();
    }

    static String objectList(String field, JsonNode node) {
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("must be a JSON list of objects");
            }
            if ("gcp_guest_accelerators".equals(field)
                    && !(item.path("acceleratorType").isTextual() && item.path("acceleratorCount").canConvertToInt()
                    && item.path("acceleratorCount").asInt() > 0)) {
                throw new IllegalArgumentException(
                        "must list {\"acceleratorType\": \"nvidia-tesla-t4\", \"acceleratorCount\": 1} objects");
            }
        }
        return node.toString();
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
