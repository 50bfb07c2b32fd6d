package org.skyhold.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.model.Secret;

/**
 * Writes stored field values as typed JSON: numbers as numbers, JSON fields as JSON, unset fields as null, and
 * secrets only as {@code {"set": true|false}}; a secret's value never reaches a response.
 */
public final class SettingsJson {
    private SettingsJson() {
    }

    public static void write(ObjectNode out, List<FieldSpec> specs, Map<String, String> values,
                             Map<String, Secret> secrets, ObjectMapper json) {
        for (FieldSpec spec : specs) {
            if (spec.secret()) {
                out.putObject(spec.name()).put("set", secrets.containsKey(spec.name()));
                continue;
            }
            String v = values.get(spec.name());
            if (v == null) {
                out.putNull(spec.name());
                continue;
            }
            switch (spec.type()) {
                case INTEGER -> out.put(spec.name(), Long.parseLong(v));
                case DECIMAL -> out.put(spec.name(), new BigDecimal(v));
                case BOOLEAN -> out.put(spec.name(), Boolean.parseBoolean(v));
                case STRING_LIST, STRING_MAP, KEY_VALUE_LIST, JSON_OBJECT, JSON_OBJECT_LIST -> {
                    try {
                        out.set(spec.name(), json.readTree(v));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored JSON of " + spec.name() + " does not parse", e);
                    }
                }
                default -> out.put(spec.name(), v);
            }
        }
    }
}
