package org.skyhold.web.view;

import java.util.List;

/**
 * One input of a settings form, ready to render: {@code input} is {@code text}, {@code number}, {@code textarea},
 * {@code json}, {@code checkbox}, {@code select} or {@code secret}. {@code value} is what the operator typed or what
 * is stored (never a secret's value); {@code error} is the refusal to show beside it, or null.
 */
public record FormField(String name, String label, String input, String help, String value, String error,
                        boolean required, boolean secretSet, List<String> choices) {
    public boolean checked() {
        return "true".equals(value);
    }

    public String valueOrEmpty() {
        return value == null ? "" : value;
    }
}
