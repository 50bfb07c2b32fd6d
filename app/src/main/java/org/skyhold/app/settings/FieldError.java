package org.skyhold.app.settings;

/** One refused field: its wire name and what is wrong, as shown beside the field and in JSON errors. */
public record FieldError(String field, String message) {
}
