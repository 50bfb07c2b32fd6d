package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.FieldSpec;
import org.skyhold.web.view.FormField;
import org.skyhold.web.view.FormView;

/**
 * Between HTML forms and the settings services: reads a posted form into the same field map JSON gives, and
 * builds the {@link FormView} that shows stored values (or what the operator typed) with errors beside fields.
 */
public final class Forms {
    /** Form fields that are not settings. */
    private static final Set<String> CONTROL = Set.of("_csrf");

    private Forms() {
    }

    /**
     * The posted fields. A checkbox is rendered after a hidden "false" of the same name, so the last value is
     * the box's state and an unchecked box still says false.
     */
    public static Map<String, String> input(Context ctx) {
        Map<String, String> input = new HashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!CONTROL.contains(name) && !values.isEmpty()) {
                input.put(name, values.get(values.size() - 1));
            }
        });
        return input;
    }

    /**
     * @param values  stored values, overlaid with what the operator typed when re-showing a refused form
     * @param secretsSet names of secrets that have a stored value
     */
    public static FormView view(String action, String submit, List<FieldSpec> specs, Map<String, String> values,
                                Set<String> secretsSet, List<FieldError> errors) {
        List<FormField> fields = specs.stream().map(s -> new FormField(s.name(), s.label(), input(s), s.help(),
                s.secret() ? null : values.get(s.name()), errorOf(s.name(), errors), s.required(),
                secretsSet.contains(s.name()), s.choices())).toList();
        Set<String> named = new java.util.HashSet<>();
        specs.forEach(s -> named.add(s.name()));
        List<String> other = errors.stream().filter(e -> e.field() == null || !named.contains(e.field()))
                .map(e -> (e.field() == null ? "" : e.field() + " ") + e.message()).toList();
        return new FormView(action, submit, fields, other);
    }

    private static String errorOf(String name, List<FieldError> errors) {
        return errors.stream().filter(e -> name.equals(e.field())).map(FieldError::message).findFirst().orElse(null);
    }

    private static String input(FieldSpec s) {
        if (s.secret()) {
            return "secret";
        }
        return switch (s.type()) {
            case INTEGER, DECIMAL -> "number";
            case BOOLEAN -> "checkbox";
            case CHOICE -> "select";
            case MULTILINE, PEM_CERTIFICATE, PEM_PRIVATE_KEY, SSH_PUBLIC_KEY -> "textarea";
            case STRING_LIST, STRING_MAP, KEY_VALUE_LIST, JSON_OBJECT, JSON_OBJECT_LIST, SERVICE_ACCOUNT_JSON -> "json";
            default -> "text";
        };
    }
}
