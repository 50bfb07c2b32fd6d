package org.skyhold.web.view;

import java.util.List;

/** A settings form: where it posts, its button, its fields, and errors that belong to no single field. */
public record FormView(String action, String submitLabel, List<FormField> fields, List<String> errors) {
    public boolean hasErrors() {
        return !errors.isEmpty() || fields.stream().anyMatch(f -> f.error() != null);
    }
}
