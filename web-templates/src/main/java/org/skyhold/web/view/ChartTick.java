package org.skyhold.web.view;

/** A labelled tick of a chart axis at {@code at} SVG units along it. */
public record ChartTick(double at, String label) {
}
