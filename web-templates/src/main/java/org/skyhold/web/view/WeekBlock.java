package org.skyhold.web.view;

/**
 * One drawn piece of a window in the week view, in SVG units: a window crossing midnight is two pieces. {@code kind}
 * is {@code window} for the window itself or {@code lead} for its ramp-up ahead of the opening.
 */
public record WeekBlock(double x, double y, double width, double height, String kind, String label, String title) {
}
