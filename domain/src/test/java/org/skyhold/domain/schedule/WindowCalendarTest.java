package org.skyhold.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.domain.schedule.Windows.EVERY_DAY;
import static org.skyhold.domain.schedule.Windows.WEEKDAYS;
import static org.skyhold.domain.schedule.Windows.window;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows as instants around midnight and the four DST changes of 2026: Europe/Berlin springs forward on
 * 29 March (02:00 -> 03:00) and falls back on 25 October (03:00 -> 02:00); America/New_York springs forward on
 * 8 March (02:00 -> 03:00) and falls back on 1 November (02:00 -> 01:00).
 */
class WindowCalendarTest {

    private static List<Occurrence> on(ScheduleWindow w, String fromUtc, String toUtc) {
        return WindowCalendar.occurrences(w, Instant.parse(fromUtc), Instant.parse(toUtc));
    }

    @Test
    void aWindowOpensAtTheSameLocalTimeOnBothSidesOfTheEuropeanSpringChange() {
        ScheduleWindow office = window("office", EVERY_DAY, "08:00", "18:00", "Europe/Berlin", 8);
        List<Occurrence> days = on(office, "2026-03-28T00:00:00Z", "2026-03-30T23:00:00Z");
        assertThat(days).extracting(Occurrence::start).containsExactly(Instant.parse("2026-03-28T07:00:00Z"),
                Instant.parse("2026-03-29T06:00:00Z"), Instant.parse("2026-03-30T06:00:00Z"));
        assertThat(days).allSatisfy(o -> assertThat(Duration.between(o.start(), o.end())).hasHours(10));
    }

    @Test
    void aNightWindowAcrossTheEuropeanFallChangeLastsAnHourLongerInTime() {
        ScheduleWindow night = window("night", EnumSet.of(DayOfWeek.SATURDAY), "22:00", "06:00", "Europe/Berlin", 0);
        Occurrence o = on(night, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z").get(0);
        assertThat(o.start()).isEqualTo(Instant.parse("2026-10-24T20:00:00Z"));
        assertThat(o.end()).isEqualTo(Instant.parse("2026-10-25T05:00:00Z"));
        assertThat(Duration.between(o.start(), o.end())).hasHours(9);
    }

    @Test
    void aWindowOpeningInTheSkippedHourOpensWhenTheClockJumpsPastIt() {
        // 02:30 does not exist in Berlin on 29 March: java.time moves it later by the gap, to 03:30 CEST
        ScheduleWindow early = window("early", EnumSet.of(DayOfWeek.SUNDAY), "02:30", "05:00", "Europe/Berlin", 2);
        Occurrence o = on(early, "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z").get(0);
        assertThat(o.start()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(o.end()).isEqualTo(Instant.parse("2026-03-29T03:00:00Z"));
    }

    @Test
    void aWindowInsideTheSkippedHourDoesNotHappenThatDay() {
        ScheduleWindow gap = window("gap", EVERY_DAY, "02:00", "03:00", "Europe/Berlin", 2);
        assertThat(on(gap, "2026-03-29T00:00:00Z", "2026-03-29T12:00:00Z")).isEmpty();
        assertThat(on(gap, "2026-03-30T00:00:00Z", "2026-03-30T12:00:00Z")).hasSize(1);
    }

    @Test
    void aWindowEndingInTheRepeatedAmericanHourEndsAtItsFirstPass() {
        // 01:30 happens twice in New York on 1 November (EDT, then EST): the window ends at the first
        ScheduleWindow late = window("late", EnumSet.of(DayOfWeek.SATURDAY), "23:00", "01:30", "America/New_York", 2);
        Occurrence o = on(late, "2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z").get(0);
        assertThat(o.start()).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
        assertThat(o.end()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void anAmericanNightIsAnHourShorterOnTheSpringChangeAndLongerOnTheFallChange() {
        ScheduleWindow night = window("night", EVERY_DAY, "22:00", "06:00", "America/New_York", 0);
        Occurrence spring = on(night, "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z").get(0);
        Occurrence fall = on(night, "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z").get(0);
        assertThat(Duration.between(spring.start(), spring.end())).hasHours(7);
        assertThat(Duration.between(fall.start(), fall.end())).hasHours(9);
        assertThat(spring.end()).isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
        assertThat(fall.end()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
    }

    @Test
    void aWholeDayWindowIsWrittenWithTheSameStartAndEnd() {
        ScheduleWindow sunday = window("sunday", EnumSet.of(DayOfWeek.SUNDAY), "00:00", "00:00", "UTC", 0);
        Occurrence o = on(sunday, "2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z").get(0);
        assertThat(o.start()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(o.end()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void overlappingWindowsAreRefusedNamingBothAndAdjacentOnesAreNot() {
        Instant now = Instant.parse("2026-01-05T00:00:00Z");
        ScheduleWindow office = window("office", WEEKDAYS, "09:00", "18:00", "Europe/Berlin", 8);
        ScheduleWindow evening = window("evening", WEEKDAYS, "17:00", "22:00", "Europe/Berlin", 4);
        ScheduleWindow after = window("after", WEEKDAYS, "18:00", "22:00", "Europe/Berlin", 4);
        assertThat(Overlaps.refusal(evening, List.of(office), now)).hasValue(
                "window \"evening\" overlaps window \"office\": both are open at 2026-01-05 17:00 Europe/Berlin");
        assertThat(Overlaps.refusal(after, List.of(office), now)).isEmpty();
    }

    @Test
    void anOverlapThatOnlyTheWeeksBetweenTheAmericanAndEuropeanChangesCreateIsFound() {
        // Berlin closes at 17:00 UTC in winter and New York opens at 17:00 UTC: adjacent, until New York springs
        // forward on 8 March and opens at 16:00 UTC while Berlin still closes at 17:00 UTC (until 29 March)
        ScheduleWindow berlin = window("berlin", WEEKDAYS, "09:00", "18:00", "Europe/Berlin", 8);
        ScheduleWindow newYork = window("new york", WEEKDAYS, "12:00", "14:00", "America/New_York", 8);
        assertThat(Overlaps.refusal(newYork, List.of(berlin), Instant.parse("2026-01-05T00:00:00Z")))
                .hasValue("window \"new york\" overlaps window \"berlin\": both are open at 2026-03-09 12:00 "
                        + "America/New_York");
    }

    @Test
    void aWindowIsNotComparedWithItsOwnStoredSelf() {
        ScheduleWindow office = window("office", WEEKDAYS, "09:00", "18:00", "Europe/Berlin", 8);
        assertThat(Overlaps.refusal(office, List.of(office), Instant.parse("2026-01-05T00:00:00Z"))).isEmpty();
    }
}
