package org.skyhold.providers.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.Instance;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code gcp_config_override}: a JSON object in Compute's REST field names, deep-merged into the instance
 * Skyhold builds (objects merge key by key; a list or a value replaces Skyhold's).
 */
final class GcpOverride {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GcpOverride() {
    }

    /**
     * @throws IllegalArgumentException when the override names something that is not part of an instance
     */
    static void check(Map<?, ?> override) {
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(override), Instance.newBuilder());
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalArgumentException("is not part of a Compute instance: " + e.getMessage());
        }
    }

    /** {@code base} with {@code override} deep-merged into it. */
    static Instance merge(Instance base, Map<String, Object> override) {
        if (override == null || override.isEmpty()) {
            return base;
        }
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(JsonFormat.printer().print(base));
            merge(tree, JSON.valueToTree(override));
            Instance.Builder merged = Instance.newBuilder();
            JsonFormat.parser().merge(tree.toString(), merged);
            return merged.build();
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalArgumentException("gcp_config_override is not part of a Compute instance: "
                    + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = into.get(e.getKey());
            if (mine instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
