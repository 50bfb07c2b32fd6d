package org.skyhold.app.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.model.Secret;

/**
 * Applies an operator's input to the stored values of a list of fields, the same way for a form and for JSON:
 * a field left out keeps its value; an empty non-secret clears it; an empty secret keeps the stored one.
 * Every value given is parsed; problems are collected, not thrown one at a time, so a form shows them all.
 */
public final class SettingsMerge {
    private final FieldParser parser;

    public SettingsMerge(FieldParser parser) {
        this.parser = parser;
    }

    /** The parser every value goes through; the shared {@link SettingsInput} converts stored values with it. */
    public FieldParser parser() {
        return parser;
    }

    /** What the input leads to: the new values and secrets, and the names of the fields it changed. */
    public record Result(Map<String, String> values, Map<String, Secret> secrets, List<String> changed) {
    }

    /** @param errors problems are added here */
    public Result apply(List<FieldSpec> specs, Map<String, String> current, Map<String, Secret> currentSecrets,
                        Map<String, String> input, List<FieldError> errors) {
        Map<String, String> values = new HashMap<>(current);
        Map<String, Secret> secrets = new HashMap<>(currentSecrets);
        List<String> changed = new ArrayList<>();
        for (FieldSpec spec : specs) {
            if (!input.containsKey(spec.name())) {
                continue;
            }
            String raw = input.get(spec.name());
            raw = raw == null ? "" : raw;
            boolean blank = raw.isBlank();
            if (spec.secret()) {
                if (!blank) {
                    parse(spec, raw, errors).ifPresent(v -> {
                        if (!Secret.of(v).equals(secrets.put(spec.name(), Secret.of(v)))) {
                            changed.add(spec.name());
                        }
                    });
                }
            } else if (blank) {
                if (values.remove(spec.name()) != null) {
                    changed.add(spec.name());
                }
            } else {
                parse(spec, raw, errors).ifPresent(v -> {
                    if (!v.equals(values.put(spec.name(), v))) {
                        changed.add(spec.name());
                    }
                });
            }
        }
        return new Result(values, secrets, changed);
    }

    /** Adds "is required" for every required field the result has no value for (and no error yet). */
    public static void requireValues(List<FieldSpec> specs, Result r, List<FieldError> errors) {
        for (FieldSpec spec : specs) {
            boolean present = spec.secret() ? r.secrets().containsKey(spec.name()) : r.values().containsKey(spec.name());
            boolean alreadyRefused = errors.stream().anyMatch(e -> e.field().equals(spec.name()));
            if (spec.required() && !present && !alreadyRefused) {
                errors.add(new FieldError(spec.name(), "is required"));
            }
        }
    }

    private java.util.Optional<String> parse(FieldSpec spec, String raw, List<FieldError> errors) {
        try {
            return java.util.Optional.of(parser.parse(spec, raw));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(spec.name(), e.getMessage()));
            return java.util.Optional.empty();
        }
    }
}
