package org.skyhold.app.settings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.ProviderFields;

/**
 * Between a provider's stored {@link ProviderFields} (JSON fields as trees) and the name-to-text map that forms,
 * JSON input and {@link SettingsMerge} work with (JSON fields as compact JSON text).
 */
public final class ProviderFieldValues {
    private ProviderFieldValues() {
    }

    /** Every stored value as text. */
    public static Map<String, String> text(ProviderFields fields, FieldParser parser) {
        Map<String, String> m = new HashMap<>();
        fields.values().forEach((k, v) -> m.put(k, parser.text(v)));
        return m;
    }

    /** The kind's non-secret fields among the merged {@code values}, JSON ones as trees. */
    public static ProviderFields fields(List<FieldSpec> kindSpecs, Map<String, String> values, FieldParser parser) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (FieldSpec f : kindSpecs) {
            if (!f.secret() && values.get(f.name()) != null) {
                m.put(f.name(), parser.stored(f, values.get(f.name())));
            }
        }
        return ProviderFields.of(m);
    }
}
