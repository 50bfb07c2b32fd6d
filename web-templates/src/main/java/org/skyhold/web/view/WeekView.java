package org.skyhold.web.view;

import java.util.List;

/**
 * A zone's windows over one week (Monday to Sunday, in {@code timeZone}), laid out in SVG units: one row per day,
 * hours across. {@code days} are the rows' labels at their y; {@code hours} the hour ticks; {@code nowX}/{@code
 * nowY} mark the present moment (negative when it is not in this week).
 */
public record WeekView(
        int width,
        int height,
        int left,
        int right,
        int top,
        int rowHeight,
        String timeZone,
        String weekOf,
        List<ChartTick> days,
        List<ChartTick> hours,
        List<WeekBlock> blocks,
        double nowX,
        double nowY,
        String description) {

    public boolean showsNow() {
        return nowX >= 0;
    }
}
