package org.skyhold.app.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.model.Secret;

/**
 * Applies an operator's input to the stored values of a list of fields, the same way for a form and for JSON:
 * a field left out keeps its value; an empty non-secret clears it; an empty secret keeps the stored one, and
 * {@link #CLEAR} (JSON {@code null}, the form's "clear" box) removes it. Every value given is parsed; problems
 * are collected, not thrown one at a time, so a form shows them all.
 *
 * <p>Credentials follow their endpoint: when a field marked {@link FieldSpec#endpoint()} changes while secrets
 * are stored, every stored secret must come again in the same input, else each is refused by name. Otherwise
 * whoever can change the endpoint could send the stored secrets to a host of their choosing.
 */
public final class SettingsMerge {
    /**
     * The input value that clears a field, secrets included: what JSON {@code null} and a form's "clear" box
     * become. A NUL character, which no setting can hold and {@link String#trim()} reads as empty.
     */
    public static final String CLEAR = "\u0000";

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
            boolean clear = raw == null || CLEAR.equals(raw);
            raw = clear ? "" : raw;
            boolean blank = raw.isBlank();
            if (spec.secret()) {
                if (clear) {
                    if (secrets.remove(spec.name()) != null) {
                        changed.add(spec.name());
                    }
                } else if (!blank) {
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
        credentialsFollowEndpoint(specs, currentSecrets, input, changed, errors);
        return new Result(values, secrets, changed);
    }

    private static void credentialsFollowEndpoint(List<FieldSpec> specs, Map<String, Secret> currentSecrets,
                                                  Map<String, String> input, List<String> changed,
                                                  List<FieldError> errors) {
        List<String> moved = specs.stream().filter(s -> s.endpoint() && changed.contains(s.name()))
                .map(FieldSpec::name).toList();
        if (moved.isEmpty()) {
            return;
        }
        for (FieldSpec spec : specs) {
            if (!spec.secret() || !currentSecrets.containsKey(spec.name())) {
                continue;
            }
            String given = input.get(spec.name());
            boolean cleared = input.containsKey(spec.name()) && (given == null || CLEAR.equals(given));
            boolean resent = given != null && !CLEAR.equals(given) && !given.isBlank();
            if (!cleared && !resent) {
                errors.add(new FieldError(spec.name(), "must be given again in the same request: "
                        + String.join(", ", moved) + " changes, and stored credentials never follow a changed "
                        + "endpoint"));
            }
        }
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
