package org.skyhold.domain.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.domain.planner.Zones.FOUR_CORES;
import static org.skyhold.domain.planner.Zones.zone;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.ZoneSchedule;

/** The planner on a stepped clock across window edges, midnight and the DST changes of Berlin and New York. */
class ScheduledPlanningTest {

    private static ScheduleWindow office(String zone, int lead, boolean drain) {
        return new ScheduleWindow(1, 1, "office", EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(18, 0), ZoneId.of(zone), new Capacity(32, 0, 0), lead, drain, Map.of());
    }

    private static Plan plan(Zones z, ZoneSchedule schedule, Instant now) {
        ZoneSnapshot s = z.snapshot();
        return new ScalingPlanner().plan(new ZoneSnapshot(s.zoneId(), s.settings(), s.agents(), s.providers(),
                s.staging(), s.lastScaleUpAt(), schedule), now);
    }

    /** The office's opening in UTC on days around each DST change: the local 09:00 holds. */
    static Stream<Arguments> openings() {
        return Stream.of(
                Arguments.of("Europe/Berlin", "2026-03-28T08:00:00Z"),
                Arguments.of("Europe/Berlin", "2026-03-30T07:00:00Z"),
                Arguments.of("Europe/Berlin", "2026-10-24T07:00:00Z"),
                Arguments.of("Europe/Berlin", "2026-10-26T08:00:00Z"),
                Arguments.of("America/New_York", "2026-03-07T14:00:00Z"),
                Arguments.of("America/New_York", "2026-03-09T13:00:00Z"),
                Arguments.of("America/New_York", "2026-10-31T13:00:00Z"),
                Arguments.of("America/New_York", "2026-11-02T14:00:00Z"));
    }

    @ParameterizedTest(name = "{0} opening at {1}")
    @MethodSource("openings")
    void theTargetFollowsTheWindowWithItsLeadAcrossEachDstChange(String zone, String openingUtc) {
        Instant open = Instant.parse(openingUtc);
        ZoneSchedule schedule = new ZoneSchedule(List.of(office(zone, 20, false)), null);
        Zones z = zone().standby(4, 0, 0).provider(1, "sim", 0, 20, FOUR_CORES);

        Plan before = plan(z, schedule, open.minus(Duration.ofMinutes(21)));
        assertThat(before.target().cores()).isEqualTo(4);
        assertThat(before.window()).isNull();
        assertThat(before.scaleUps().get(0).reason()).contains("standby from the zone's own standby (no window in "
                + "force)");

        Plan ramp = plan(z, schedule, open.minus(Duration.ofMinutes(20)));
        assertThat(ramp.target().cores()).isEqualTo(32);
        assertThat(ramp.vmsToCreate()).isEqualTo(8);
        assertThat(ramp.scaleUps().get(0).reason()).contains("ramping up for window \"office\" opening at 09:00 "
                + zone + " (lead 20 min)");

        Plan inside = plan(z, schedule, open);
        assertThat(inside.window()).isEqualTo("office");
        assertThat(inside.scaleUps().get(0).reason()).contains("standby from window \"office\" (until 18:00 " + zone
                + ")");
        assertThat(plan(z, schedule, open.plus(Duration.ofHours(9)).minusSeconds(1)).target().cores()).isEqualTo(32);
        assertThat(plan(z, schedule, open.plus(Duration.ofHours(9))).target().cores()).isEqualTo(4);
    }

    @Test
    void aNightWindowAcrossMidnightLowersTheTargetAndScaleDownNamesIt() {
        ScheduleWindow night = new ScheduleWindow(2, 1, "night", EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0),
                LocalTime.of(6, 0), ZoneId.of("UTC"), Capacity.ZERO, 0, false, Map.of());
        ZoneSchedule schedule = new ZoneSchedule(List.of(night), null);
        Instant old = Instant.parse("2026-12-01T00:00:00Z");
        Zones z = zone().standby(4, 0, 0).backoff(600).idleAgent("a-1", 1, old, old)
                .provider(1, "sim", 0, 20, FOUR_CORES);

        Plan evening = plan(z, schedule, Instant.parse("2026-12-07T21:59:00Z"));
        assertThat(evening.scaleDowns()).isEmpty();
        assertThat(evening.notes()).anyMatch(n -> n.contains("keeping idle agent a-1")
                && n.endsWith("(standby from the zone's own standby (no window in force))"));
        Plan afterMidnight = plan(z, schedule, Instant.parse("2026-12-08T01:00:00Z"));
        assertThat(afterMidnight.scaleDowns()).singleElement().satisfies(d -> assertThat(d.reason())
                .endsWith("(standby from window \"night\" (until 06:00 UTC))"));
        assertThat(plan(z, schedule, Instant.parse("2026-12-08T06:00:00Z")).scaleDowns()).isEmpty();
    }

    @Test
    void aWindowsStagedSessionCountReplacesTheConfiguredOne() {
        ScheduleWindow office = new ScheduleWindow(1, 1, "office", EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(18, 0), ZoneId.of("UTC"), Capacity.ZERO, 0, false, Map.of(7L, 5));
        ZoneSchedule schedule = new ZoneSchedule(List.of(office), null);
        Zones z = zone().staging(7, "desk", new Capacity(2, 0, 0), 1, 0).staging(8, "cad", new Capacity(2, 0, 0), 1, 0)
                .provider(1, "sim", 0, 20, FOUR_CORES);
        Plan inside = plan(z, schedule, Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(inside.stage()).extracting(Plan.StageSessions::count).containsExactly(5, 1);
        assertThat(inside.target().cores()).isEqualTo(12);
        Plan outside = plan(z, schedule, Instant.parse("2026-12-07T19:00:00Z"));
        assertThat(outside.stage()).extracting(Plan.StageSessions::count).containsExactly(1, 1);
    }

    @Test
    void aRampingWindowRaisesAStagedCountButNeverLowersIt() {
        ScheduleWindow office = new ScheduleWindow(1, 1, "office", EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(18, 0), ZoneId.of("UTC"), Capacity.ZERO, 30, false, Map.of(7L, 5, 8L, 1));
        ZoneSchedule schedule = new ZoneSchedule(List.of(office), null);
        Zones z = zone().staging(7, "desk", new Capacity(2, 0, 0), 2, 0).staging(8, "cad", new Capacity(2, 0, 0), 3, 0)
                .provider(1, "sim", 0, 20, FOUR_CORES);
        Plan ramp = plan(z, schedule, Instant.parse("2026-12-07T08:45:00Z"));
        assertThat(ramp.stage()).extracting(Plan.StageSessions::count).containsExactly(5, 3);
        Plan inside = plan(z, schedule, Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(inside.stage()).extracting(Plan.StageSessions::count).containsExactly(5, 1);
    }

    @Test
    void afterADrainAtEndWindowClosesSurplusBusyAgentsDrainAndNoneWithSessionsIsRemoved() {
        ZoneSchedule schedule = new ZoneSchedule(List.of(office("UTC", 0, true)), null);
        Instant old = Instant.parse("2026-12-01T00:00:00Z");
        Capacity one = new Capacity(1, 0, 0);
        Zones z = zone().standby(3, 0, 0)
                .agent("busy-1", 1L, AgentState.RUNNING, FOUR_CORES, one, 1, old, null)
                .agent("busy-3", 1L, AgentState.RUNNING, FOUR_CORES, one.times(3), 3, old, null)
                .agent("busy-2", 1L, AgentState.RUNNING, FOUR_CORES, one.times(2), 2, old, null)
                .provider(1, "sim", 0, 20, FOUR_CORES);
        // free 3 + 1 + 2 = 6 cores against a target of 3 after 18:00: the agent with one session drains first,
        // and then nothing more can go without falling below the target
        Plan evening = plan(z, schedule, Instant.parse("2026-12-07T18:05:00Z"));
        assertThat(evening.scaleDowns()).isEmpty();
        assertThat(evening.drains()).singleElement().satisfies(d -> {
            assertThat(d.agentId()).isEqualTo("busy-1");
            assertThat(d.reason()).contains("window \"office\" has closed and drains at its end")
                    .contains("its sessions are left to end");
        });
        Plan inside = plan(z, schedule, Instant.parse("2026-12-07T17:00:00Z"));
        assertThat(inside.drains()).isEmpty();
        ZoneSchedule keeps = new ZoneSchedule(List.of(office("UTC", 0, false)), null);
        assertThat(plan(z, keeps, Instant.parse("2026-12-07T18:05:00Z")).drains()).as("no drain without drain at end")
                .isEmpty();
    }
}
