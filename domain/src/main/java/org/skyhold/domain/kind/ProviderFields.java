package org.skyhold.domain.kind;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The non-secret fields of one provider, by wire name, as stored: scalar fields as their canonical text
 * ({@code "eu-west-1"}, {@code "42"}, {@code "true"}), JSON-typed fields ({@link FieldType#isJson()}) as plain
 * Java trees ({@code List}, {@code Map<String, Object>}, {@code String}, {@code Number}, {@code Boolean}) so the
 * settings column holds real JSON. Read through the kind's {@link FieldSpec}s, never a literal name: the typed
 * getters check the spec's type and return {@code null} (or an empty collection) when the field is unset.
 * Immutable.
 */
public final class ProviderFields {
    public static final ProviderFields EMPTY = new ProviderFields(Map.of());

    private final Map<String, Object> values;

    private ProviderFields(Map<String, Object> values) {
        this.values = values;
    }

    /** @param values scalar text or plain-Java JSON trees by field name; nulls are dropped */
    public static ProviderFields of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return new ProviderFields(Collections.unmodifiableMap(copy));
    }

    /** Every stored value by name, for persistence and for showing them. */
    public Map<String, Object> values() {
        return values;
    }

    public boolean has(FieldSpec spec) {
        return values.containsKey(spec.name());
    }

    /** The raw stored value (text or tree), or null. */
    public Object raw(String name) {
        return values.get(name);
    }

    /** A scalar field's text, or null when unset or blank. */
    public String text(FieldSpec spec) {
        scalar(spec);
        Object v = values.get(spec.name());
        String s = v == null ? null : v.toString().trim();
        return s == null || s.isEmpty() ? null : s;
    }

    /** A scalar field's text; refused with "is required" naming the field when unset. */
    public String requiredText(FieldSpec spec) {
        String v = text(spec);
        if (v == null) {
            throw new InvalidFieldException(spec.name(), "is required");
        }
        return v;
    }

    /** An {@link FieldType#INTEGER} field, or null. */
    public Long integer(FieldSpec spec) {
        expect(spec, FieldType.INTEGER);
        String v = text(spec);
        try {
            return v == null ? null : Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(spec.name(), "must be a whole number");
        }
    }

    /** A {@link FieldType#DECIMAL} field, or null. */
    public BigDecimal decimal(FieldSpec spec) {
        expect(spec, FieldType.DECIMAL);
        String v = text(spec);
        try {
            return v == null ? null : new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(spec.name(), "must be a number");
        }
    }

    /** A {@link FieldType#BOOLEAN} field, or null. */
    public Boolean bool(FieldSpec spec) {
        expect(spec, FieldType.BOOLEAN);
        String v = text(spec);
        return v == null ? null : Boolean.valueOf(v);
    }

    /** A {@link FieldType#STRING_LIST} field; empty when unset. */
    public List<String> strings(FieldSpec spec) {
        expect(spec, FieldType.STRING_LIST);
        Object v = values.get(spec.name());
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new InvalidFieldException(spec.name(), "must be a JSON list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** A {@link FieldType#STRING_MAP} field; empty when unset. */
    public Map<String, String> stringMap(FieldSpec spec) {
        expect(spec, FieldType.STRING_MAP);
        Object v = values.get(spec.name());
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map) || !map.values().stream().allMatch(String.class::isInstance)) {
            throw new InvalidFieldException(spec.name(), "must be a JSON object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, val) -> out.put(k.toString(), (String) val));
        return Collections.unmodifiableMap(out);
    }

    /** Any JSON-typed field's tree ({@code Map}, {@code List}), or null when unset. */
    public Object json(FieldSpec spec) {
        if (!spec.type().isJson()) {
            throw new IllegalArgumentException(spec.name() + " is not a JSON field");
        }
        return values.get(spec.name());
    }

    private static void scalar(FieldSpec spec) {
        if (spec.type().isJson()) {
            throw new IllegalArgumentException(spec.name() + " is a JSON field; read it with its typed getter");
        }
    }

    private static void expect(FieldSpec spec, FieldType type) {
        if (spec.type() != type) {
            throw new IllegalArgumentException(spec.name() + " is " + spec.type() + ", not " + type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderFields other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "ProviderFields" + values.keySet();
    }
}
