package org.skyhold.app.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.skyhold.domain.model.CapacitySample;
import org.skyhold.web.view.CapacityChartView;
import org.skyhold.web.view.ChartTick;

/**
 * Lays out the free and target cores of a zone's capacity samples as an SVG line chart: time on x from
 * {@code from} to {@code to}, cores on y from 0 (or the lowest free, when over-committed) to a round number above
 * the highest value. Pure: samples in, geometry out, so it is tested without a server.
 */
public final class CapacityChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    static final int LEFT = 56;
    static final int RIGHT = WIDTH - 16;
    static final int TOP = 16;
    static final int BOTTOM = 188;
    /** Samples come a minute apart; a longer silence (no primary manager) breaks the line instead of bridging it. */
    static final Duration GAP = Duration.ofMinutes(5);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private CapacityChart() {
    }

    /** @param samples oldest first, all within {@code from..to} */
    public static CapacityChartView of(List<CapacitySample> samples, Instant from, Instant to) {
        long min = 0;
        long max = 1;
        for (CapacitySample s : samples) {
            min = Math.min(min, s.free().cores());
            max = Math.max(max, Math.max(s.free().cores(), s.target().cores()));
        }
        long step = niceStep(max - min);
        long yLow = Math.floorDiv(min, step) * step;
        long yHigh = -Math.floorDiv(-max, step) * step;
        Scale scale = new Scale(from, to, yLow, yHigh);

        List<ChartTick> yTicks = new ArrayList<>();
        for (long v = yLow; v <= yHigh; v += step) {
            yTicks.add(new ChartTick(scale.y(v), Long.toString(v)));
        }
        List<ChartTick> xTicks = new ArrayList<>();
        for (Instant t = from.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); !t.isAfter(to);
             t = t.plus(Duration.ofHours(1))) {
            xTicks.add(new ChartTick(scale.x(t), HOUR.format(t)));
        }
        String title = "Free and target cores, " + HOUR.format(from) + " to " + HOUR.format(to) + " UTC";
        String description = samples.isEmpty() ? "no samples yet"
                : samples.size() + " samples, one a minute; latest: " + last(samples).free().cores() + " cores free of "
                + last(samples).target().cores() + " wanted";
        return new CapacityChartView(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM,
                lines(samples, scale, s -> s.free().cores()), lines(samples, scale, s -> s.target().cores()),
                xTicks, yTicks, title, description, samples.size());
    }

    /** The smallest 1, 2 or 5 times a power of ten that splits {@code range} into at most four steps. */
    static long niceStep(long range) {
        long wanted = Math.max(1, -Math.floorDiv(-range, 4));
        for (long power = 1; ; power *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * power >= wanted) {
                    return m * power;
                }
            }
        }
    }

    private static List<String> lines(List<CapacitySample> samples, Scale scale, ToLongFunction<CapacitySample> value) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        Instant previous = null;
        for (CapacitySample s : samples) {
            if (previous != null && Duration.between(previous, s.at()).compareTo(GAP) > 0) {
                lines.add(dotIfAlone(line.toString()));
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(format(scale.x(s.at()))).append(',').append(format(scale.y(value.applyAsLong(s))));
            previous = s.at();
        }
        if (!line.isEmpty()) {
            lines.add(dotIfAlone(line.toString()));
        }
        return lines;
    }

    /**
     * A run of one sample (the first minute, or after a gap) as the same point twice: a one-point polyline draws
     * nothing, a zero-length one draws a dot with the series' round line caps, so the newest value always shows.
     */
    private static String dotIfAlone(String points) {
        return points.contains(" ") ? points : points + " " + points;
    }

    private static CapacitySample last(List<CapacitySample> samples) {
        return samples.get(samples.size() - 1);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps a time and a number of cores to SVG user units of the plot area. */
    private record Scale(Instant from, Instant to, long low, long high) {
        double x(Instant t) {
            double span = Math.max(1, Duration.between(from, to).toMillis());
            return LEFT + (RIGHT - LEFT) * Duration.between(from, t).toMillis() / span;
        }

        double y(long v) {
            return BOTTOM - (BOTTOM - TOP) * (double) (v - low) / (high - low);
        }
    }
}
