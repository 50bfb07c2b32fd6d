package org.skyhold.web.view;

/** A choice in a select that is not a settings field, such as the kind of provider to add. */
public record Option(String value, String label) {
}
