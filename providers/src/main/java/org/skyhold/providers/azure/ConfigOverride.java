package org.skyhold.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code azure_config_override}: values set into the VM request by dot-paths, as the product we replace documents
 * them ({@code "os_profile.linux_configuration.ssh.public_keys.0.path"}, {@code "priority"}). A path is written
 * in the Python SDK's snake_case or in the REST API's camelCase; a segment of digits indexes a list (one past the
 * end appends). The REST body nests most VM settings under {@code properties}, which the SDK's models hide: a
 * path that does not start with a top-level key of the request goes under {@code properties}. Keys are matched to
 * the request's own keys ignoring case, so {@code public_ip_address_configuration} finds
 * {@code publicIPAddressConfiguration}, and a key found only under a nested {@code properties} is set there.
 * Values the SDK's model does not know are dropped when the request is read into it.
 */
final class ConfigOverride {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*|\\d{1,3})$");
    private static final Set<String> TOP_LEVEL = Set.of("location", "tags", "zones", "plan", "identity", "properties",
            "extendedLocation", "placement");
    /** What Skyhold's own bookkeeping rests on: where the VM is, what it is called and how it is found. */
    private static final Set<String> RESERVED = Set.of("name", "id", "type", "location", "tags");

    private ConfigOverride() {
    }

    /** The field's shape check: an object of dot-paths that never touch what Skyhold relies on. */
    static void check(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return; // the type check says "must be a JSON object"
        }
        for (Object k : map.keySet()) {
            String path = k.toString();
            String[] segments = path.split("\\.", -1);
            for (String s : segments) {
                if (!SEGMENT.matcher(s).matches()) {
                    throw new IllegalArgumentException("has a path \"" + path + "\": each part must be a name "
                            + "(letters, digits, _) or a list index");
                }
            }
            if (Character.isDigit(segments[0].charAt(0))) {
                throw new IllegalArgumentException("has a path \"" + path + "\" that starts with a list index");
            }
            if (RESERVED.contains(camel(segments[0]))) {
                throw new IllegalArgumentException("may not set " + segments[0] + " (Skyhold sets it)");
            }
        }
    }

    /** Applies every path of {@code override} to the request body, in the override's order. */
    static void apply(ObjectNode request, Map<String, Object> override) {
        override.forEach((path, value) -> set(request, path, JSON.valueToTree(value)));
    }

    private static void set(ObjectNode request, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode node = request;
        if (!TOP_LEVEL.contains(camel(segments[0]))) {
            node = child(request, "properties", false);
        }
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            boolean nextIsIndex = !last && Character.isDigit(segments[i + 1].charAt(0));
            if (node instanceof ObjectNode object) {
                object = flattened(object, camel(segments[i]));
                String key = existingKey(object, camel(segments[i]));
                if (last) {
                    object.set(key, value);
                } else {
                    node = child(object, key, nextIsIndex);
                }
            } else if (node instanceof ArrayNode array && Character.isDigit(segments[i].charAt(0))) {
                int index = Integer.parseInt(segments[i]);
                if (index > array.size()) {
                    throw new IllegalArgumentException("azure_config_override " + path + ": index " + index
                            + " is past the end of a list of " + array.size());
                }
                if (last) {
                    if (index == array.size()) {
                        array.add(value);
                    } else {
                        array.set(index, value);
                    }
                } else {
                    if (index == array.size()) {
                        array.add(nextIsIndex ? JSON.createArrayNode() : JSON.createObjectNode());
                    }
                    node = array.get(index);
                }
            } else {
                throw new IllegalArgumentException("azure_config_override " + path + ": " + segments[i]
                        + " does not fit the request there (a list needs an index, an object a name)");
            }
        }
    }

    /**
     * The SDKs flatten {@code properties} at every level ({@code network_interface_configurations.0.delete_option}
     * is {@code ...[0].properties.deleteOption} on the wire): a key the object lacks but its {@code properties}
     * has is that one.
     */
    private static ObjectNode flattened(ObjectNode object, String key) {
        if (existingKey(object, key).equals(key) && !object.has(key)
                && object.get("properties") instanceof ObjectNode props && props.has(existingKey(props, key))) {
            return props;
        }
        return object;
    }

    private static JsonNode child(ObjectNode parent, String key, boolean list) {
        JsonNode existing = parent.get(key);
        if (existing != null && existing.isContainerNode()) {
            return existing;
        }
        return list ? parent.putArray(key) : parent.putObject(key);
    }

    private static String existingKey(ObjectNode object, String key) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (n.equalsIgnoreCase(key)) {
                return n;
            }
        }
        return key;
    }

    /** {@code os_profile} to {@code osProfile}; camelCase stays as it is. */
    static String camel(String segment) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : segment.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
