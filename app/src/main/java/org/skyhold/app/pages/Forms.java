package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.FieldError;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;
import org.skyhold.app.settings.SettingsMerge;
import org.skyhold.web.view.FieldGroup;
import org.skyhold.web.view.FormField;
import org.skyhold.web.view.FormView;

/**
 * Between HTML forms and the settings services: reads a posted form into the same field map JSON gives, and
 * builds the {@link FormView} that shows stored values (or what the operator typed) with errors beside fields.
 */
public final class Forms {
    /** Form fields that are not settings. */
    /** The "clear" box beside a stored secret: its value names the secret to remove. */
    public static final String CLEAR_BOX = "_clear";
    private static final Set<String> CONTROL = Set.of("_csrf", CLEAR_BOX);
    /** Where fields no group names are shown, so a field added to a catalog can never vanish from a page. */
    static final String OTHER_GROUP = "Other settings";

    private Forms() {
    }

    /**
     * The posted fields. A checkbox is rendered after a hidden "false" of the same name, so the last value is
     * the box's state and an unchecked box still says false. A ticked "clear" box of a secret makes that
     * secret {@link SettingsMerge#CLEAR}, whatever its own input holds.
     */
    public static Map<String, String> input(Context ctx) {
        Map<String, String> input = new HashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!CONTROL.contains(name) && !values.isEmpty()) {
                input.put(name, values.get(values.size() - 1));
            }
        });
        ctx.formParamMap().getOrDefault(CLEAR_BOX, List.of()).forEach(name -> input.put(name, SettingsMerge.CLEAR));
        return input;
    }

    /**
     * The values to show when a refused form is shown again: what the operator typed over what is stored, so
     * nothing they typed is lost. Secrets are dropped later by {@link #view}, which never shows their values.
     */
    public static Map<String, String> overlay(Map<String, String> stored, Map<String, String> typed) {
        Map<String, String> shown = new HashMap<>(stored);
        shown.putAll(typed);
        return shown;
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
        Set<String> named = new HashSet<>();
        specs.forEach(s -> named.add(s.name()));
        List<String> other = errors.stream().filter(e -> e.field() == null || !named.contains(e.field()))
                .map(e -> (e.field() == null ? "" : e.field() + " ") + e.message()).toList();
        return new FormView(action, submit, fields, other);
    }

    /** The form with field {@code name} shown as a select of {@code labels} (value to label, in order). */
    public static FormView withChoices(FormView view, String name, Map<String, String> labels) {
        List<FormField> fields = view.fields().stream()
                .map(f -> f.name().equals(name) ? f.asSelect(labels) : f).toList();
        return new FormView(view.action(), view.submitLabel(), fields, view.errors());
    }

    /**
     * The form's fields under headings, in the order of {@code layout} (heading to field names). Fields the layout
     * does not name follow under {@value #OTHER_GROUP}; headings without fields are left out.
     */
    public static List<FieldGroup> groups(FormView view, Map<String, List<String>> layout) {
        Map<String, FormField> byName = new LinkedHashMap<>();
        view.fields().forEach(f -> byName.put(f.name(), f));
        List<FieldGroup> groups = new ArrayList<>();
        layout.forEach((legend, names) -> {
            List<FormField> fields = names.stream().map(byName::remove).filter(f -> f != null).toList();
            if (!fields.isEmpty()) {
                groups.add(new FieldGroup(legend, fields));
            }
        });
        if (!byName.isEmpty()) {
            groups.add(new FieldGroup(OTHER_GROUP, List.copyOf(byName.values())));
        }
        return groups;
    }

    /** The wire names of {@code specs}, for a group layout. */
    public static List<String> names(List<FieldSpec> specs) {
        return specs.stream().map(FieldSpec::name).toList();
    }

    private static String errorOf(String name, List<FieldError> errors) {
        return errors.stream().filter(e -> name.equals(e.field())).map(FieldError::message).findFirst().orElse(null);
    }

    private static String input(FieldSpec s) {
        if (s.secret()) {
            // a password input drops line breaks, which would break a PEM key for NGINX; it gets a blank textarea
            return s.type() == FieldType.PEM_PRIVATE_KEY ? "secret-multiline" : "secret";
        }
        return switch (s.type()) {
            case INTEGER -> "number";
            case DECIMAL -> "decimal";
            case BOOLEAN -> "checkbox";
            case CHOICE -> "select";
            case MULTILINE, PEM_CERTIFICATE, PEM_PRIVATE_KEY, SSH_PUBLIC_KEY -> "textarea";
            case STRING_LIST, STRING_MAP, KEY_VALUE_LIST, JSON_OBJECT, JSON_OBJECT_LIST, SERVICE_ACCOUNT_JSON -> "json";
            default -> "text";
        };
    }
}
