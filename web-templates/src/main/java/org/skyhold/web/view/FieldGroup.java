package org.skyhold.web.view;

import java.util.List;

/** Fields of a form shown together under one heading ("General", "Amazon EC2"). */
public record FieldGroup(String legend, List<FormField> fields) {
    public FieldGroup {
        fields = List.copyOf(fields);
    }
}
