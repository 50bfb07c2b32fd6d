package org.skyhold.web.view;

import java.util.List;

/**
 * A line chart of free and target cores, already laid out in SVG user units: each series is one or more polylines
 * (a gap in the samples breaks the line), {@code points} strings ready for the {@code points} attribute. The plot
 * area is {@code left..right} by {@code top..bottom} in a {@code width} x {@code height} box.
 */
public record CapacityChartView(
        int width,
        int height,
        int left,
        int right,
        int top,
        int bottom,
        List<String> free,
        List<String> target,
        List<ChartTick> xTicks,
        List<ChartTick> yTicks,
        String title,
        String description,
        int samples) {

    public boolean empty() {
        return samples == 0;
    }
}
