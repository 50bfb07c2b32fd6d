package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.CapacitySample;
import org.skyhold.web.view.CapacityChartView;
import org.skyhold.web.view.ChartTick;

class CapacityChartTest {
    private static final Instant NOW = Instant.parse("2026-12-01T14:30:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofHours(6));

    @Test
    void noSamplesIsAnEmptyChartWithAxesStillLabelled() {
        CapacityChartView chart = CapacityChart.of(List.of(), FROM, NOW);

        assertThat(chart.empty()).isTrue();
        assertThat(chart.free()).isEmpty();
        assertThat(chart.target()).isEmpty();
        assertThat(chart.description()).isEqualTo("no samples yet");
        assertThat(chart.xTicks()).extracting(ChartTick::label)
                .containsExactly("09:00", "10:00", "11:00", "12:00", "13:00", "14:00");
    }

    @Test
    void timeRunsLeftToRightAcrossThePlotAndCoresBottomToTop() {
        Instant from = NOW.minusSeconds(120);
        CapacityChartView chart = CapacityChart.of(List.of(sample(from, 0, 8), sample(NOW, 8, 8)), from, NOW);

        assertThat(chart.free()).containsExactly(CapacityChart.LEFT + ".0," + CapacityChart.BOTTOM + ".0 "
                + CapacityChart.RIGHT + ".0," + CapacityChart.TOP + ".0");
        assertThat(chart.target()).containsExactly(CapacityChart.LEFT + ".0," + CapacityChart.TOP + ".0 "
                + CapacityChart.RIGHT + ".0," + CapacityChart.TOP + ".0");
        assertThat(chart.yTicks()).extracting(ChartTick::label).containsExactly("0", "2", "4", "6", "8");
        assertThat(chart.yTicks().get(0).at()).isEqualTo(CapacityChart.BOTTOM);
        assertThat(chart.yTicks().get(4).at()).isEqualTo(CapacityChart.TOP);
        assertThat(chart.title()).isEqualTo("Free and target cores, 14:28 to 14:30 UTC");
        assertThat(chart.description()).isEqualTo("2 samples, one a minute; latest: 8 cores free of 8 wanted");
    }

    @Test
    void theScaleEndsOnARoundNumberAboveTheHighestValue() {
        CapacityChartView chart = CapacityChart.of(List.of(sample(NOW, 37, 30)), FROM, NOW);

        assertThat(chart.yTicks()).extracting(ChartTick::label).containsExactly("0", "10", "20", "30", "40");
        assertThat(CapacityChart.niceStep(1)).isEqualTo(1);
        assertThat(CapacityChart.niceStep(9)).isEqualTo(5);
        assertThat(CapacityChart.niceStep(400)).isEqualTo(100);
        assertThat(CapacityChart.niceStep(401)).isEqualTo(200);
    }

    @Test
    void anOvercommittedZoneDrawsItsNegativeFreeBelowZero() {
        CapacityChartView chart = CapacityChart.of(List.of(sample(NOW, -3, 4)), FROM, NOW);

        assertThat(chart.yTicks()).extracting(ChartTick::label).containsExactly("-4", "-2", "0", "2", "4");
        assertThat(chart.free().get(0)).endsWith("," + y(chart, -3));
    }

    @Test
    void aSilenceLongerThanFiveMinutesBreaksTheLineInsteadOfBridgingIt() {
        Instant t = NOW.minus(Duration.ofHours(1));
        CapacityChartView chart = CapacityChart.of(List.of(sample(t, 4, 8), sample(t.plusSeconds(60), 4, 8),
                sample(t.plusSeconds(60 + 301), 8, 8), sample(t.plusSeconds(60 + 361), 8, 8)), FROM, NOW);

        assertThat(chart.free()).hasSize(2).allSatisfy(line -> assertThat(line.split(" ")).hasSize(2));
        assertThat(chart.target()).hasSize(2);
        assertThat(chart.samples()).isEqualTo(4);
    }

    @Test
    void aLoneSampleIsDrawnAsADotSoTheFirstMinuteAlreadyShowsSomething() {
        CapacityChartView chart = CapacityChart.of(List.of(sample(NOW, 8, 8)), FROM, NOW);

        String[] points = chart.free().get(0).split(" ");
        assertThat(points).hasSize(2);
        assertThat(points[0]).isEqualTo(points[1]).endsWith("," + y(chart, 8));
    }

    private static String y(CapacityChartView chart, long cores) {
        ChartTick low = chart.yTicks().get(0);
        ChartTick high = chart.yTicks().get(chart.yTicks().size() - 1);
        double span = Long.parseLong(high.label()) - Long.parseLong(low.label());
        double at = low.at() + (high.at() - low.at()) * (cores - Long.parseLong(low.label())) / span;
        return String.format(java.util.Locale.ROOT, "%.1f", at);
    }

    private static CapacitySample sample(Instant at, long freeCores, long targetCores) {
        return new CapacitySample(at, new Capacity(freeCores, 0, 0), new Capacity(targetCores, 0, 0));
    }
}
