package org.skyhold.web.view;

/**
 * One dimension of a zone's capacity as two horizontal bars: {@code freeWidth} and {@code targetWidth} are the
 * bars' widths in the SVG's {@link #WIDTH}-unit box, on one scale; {@code verdict} says "met" or "short by N".
 */
public record CapacityBar(String dimension, String unit, long free, long target, int freeWidth, int targetWidth,
                          boolean met, String verdict) {
    /** The bars' box width in SVG user units. */
    public static final int WIDTH = 300;

    /** "4 free of 8 wanted cores", for the bars' accessible name. */
    public String label() {
        return free + " free of " + target + " wanted " + dimension + unit;
    }
}
