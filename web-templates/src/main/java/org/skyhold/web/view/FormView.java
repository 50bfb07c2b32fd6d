package org.skyhold.web.view;

import java.util.List;

/** A settings form: where it posts, its button, its fields, and errors that belong to no single field. */
public record FormView(String action, String submitLabel, List<FormField> fields, List<String> errors) {
    public boolean hasErrors() {
        return !errors.isEmpty() || fields.stream().anyMatch(f -> f.error() != null);
    }

    /** Whether the form has a secret input, whose typed value a refused form cannot show again. */
    public boolean hasSecrets() {
        return fields.stream().anyMatch(f -> f.input().startsWith("secret"));
    }
}
