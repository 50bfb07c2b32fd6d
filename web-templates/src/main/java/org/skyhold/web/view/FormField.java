package org.skyhold.web.view;

import java.util.List;
import java.util.Map;

/**
 * One input of a settings form, ready to render: {@code input} is {@code text}, {@code number}, {@code decimal},
 * {@code textarea}, {@code json}, {@code checkbox}, {@code select}, {@code secret} (a one-line secret) or
 * {@code secret-multiline} (a PEM private key, whose line breaks a password input would drop). {@code value} is what the operator typed or what is stored
 * (never a secret's value); {@code error} is the refusal to show beside it, or null. {@code choiceLabels} names
 * the choices of a select whose values are not words (ids); a choice without a label shows its value.
 */
public record FormField(String name, String label, String input, String help, String value, String error,
                        boolean required, boolean secretSet, List<String> choices, Map<String, String> choiceLabels) {

    public FormField {
        choices = List.copyOf(choices);
        choiceLabels = Map.copyOf(choiceLabels);
    }

    /** A field whose choices, if any, show as their values. */
    public FormField(String name, String label, String input, String help, String value, String error,
                     boolean required, boolean secretSet, List<String> choices) {
        this(name, label, input, help, value, error, required, secretSet, choices, Map.of());
    }

    /** This field as a select of {@code labels}' keys, in their order, each shown as its label. */
    public FormField asSelect(Map<String, String> labels) {
        return new FormField(name, label, "select", help, value, error, required, secretSet,
                List.copyOf(labels.keySet()), labels);
    }

    public boolean checked() {
        return "true".equals(value);
    }

    public String valueOrEmpty() {
        return value == null ? "" : value;
    }

    public String choiceLabel(String choice) {
        return choiceLabels.getOrDefault(choice, choice);
    }

    /** Whether a {@code select} shows this choice as chosen. */
    public boolean selected(String choice) {
        return choice.equals(value);
    }
}
