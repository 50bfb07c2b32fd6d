package org.skyhold.web.view;

/** One day checkbox of the window form: {@code name} is the wire name ({@code mon}), {@code label} the day. */
public record DayChoice(String name, String label, boolean checked) {
}
