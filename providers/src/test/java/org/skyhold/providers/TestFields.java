package org.skyhold.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skyhold.domain.kind.ProviderFields;

/** Provider fields as a test writes them, text as an operator types it, stored as Skyhold stores them. */
public final class TestFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestFields() {
    }

    /** Values that start with {@code [} or <code>{</code> become JSON trees, as the settings parser makes them. */
    public static ProviderFields of(Map<String, String> text) {
        Map<String, Object> values = new LinkedHashMap<>();
        text.forEach((k, v) -> {
            String t = v.trim();
            try {
                values.put(k, t.startsWith("[") || t.startsWith("{") ? JSON.readValue(t, Object.class) : v);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(k + " is not JSON: " + v, e);
            }
        });
        return ProviderFields.of(values);
    }
}
