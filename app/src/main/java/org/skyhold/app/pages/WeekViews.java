package org.skyhold.app.pages;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.skyhold.domain.schedule.Occurrence;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.WindowCalendar;
import org.skyhold.domain.schedule.ZoneSchedule;
import org.skyhold.web.view.ChartTick;
import org.skyhold.web.view.WeekBlock;
import org.skyhold.web.view.WeekView;

/**
 * Lays a zone's windows out over the current week as SVG geometry: rows Monday to Sunday, hours 0-24 across, in the
 * first window's time zone (so windows of other zones are drawn where they fall in it). The real openings of this
 * week are drawn, so a DST change or a window crossing midnight shows as it happens; the lead before an opening
 * is drawn lighter.
 */
final class WeekViews {
    static final int WIDTH = 760;
    static final int LEFT = 48;
    static final int RIGHT = 736;
    static final int TOP = 22;
    static final int ROW = 28;
    static final int HEIGHT = TOP + 7 * ROW + 8;

    private WeekViews() {
    }

    static WeekView of(ZoneSchedule schedule, Instant now) {
        List<ScheduleWindow> windows = schedule.windows();
        ZoneId zone = windows.isEmpty() ? ZoneId.of("UTC") : windows.get(0).timeZone();
        LocalDate monday = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant from = monday.atStartOfDay(zone).toInstant();
        Instant to = monday.plusDays(7).atStartOfDay(zone).toInstant();
        List<WeekBlock> blocks = new ArrayList<>();
        for (Occurrence o : WindowCalendar.occurrences(windows, from.minus(ZoneSchedule.MAX_LEAD), to)) {
            Duration lead = schedule.lead(o.window());
            if (!lead.isZero()) {
                draw(blocks, o.start().minus(lead), o.start(), from, to, zone, monday, "lead", "",
                        o.window().name() + ": ramp-up from " + hm(o.start().minus(lead), zone) + " (lead "
                                + lead.toMinutes() + " min)");
            }
            draw(blocks, o.start(), o.end(), from, to, zone, monday, "window", o.window().name(), title(o, zone));
        }
        List<ChartTick> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            days.add(new ChartTick(TOP + d * ROW + ROW / 2.0 + 4, day.getDayOfWeek().getDisplayName(TextStyle.SHORT,
                    Locale.ENGLISH) + " " + day.getDayOfMonth()));
        }
        List<ChartTick> hours = new ArrayList<>();
        for (int h = 0; h <= 24; h += 3) {
            hours.add(new ChartTick(x(h * 60), String.format(Locale.ROOT, "%02d:00", h)));
        }
        double nowX = -1;
        double nowY = -1;
        if (!now.isBefore(from) && now.isBefore(to)) {
            LocalDateTime local = LocalDateTime.ofInstant(now, zone);
            nowX = x(local.getHour() * 60 + local.getMinute());
            nowY = TOP + ChronoUnit.DAYS.between(monday, local.toLocalDate()) * ROW;
        }
        return new WeekView(WIDTH, HEIGHT, LEFT, RIGHT, TOP, ROW, zone.getId(), monday.toString(), days, hours,
                List.copyOf(blocks), nowX, nowY, windows.isEmpty() ? "No windows: the zone's own standby holds all week."
                : windows.size() + " window" + (windows.size() == 1 ? "" : "s") + " over the week of " + monday
                        + ", shown in " + zone.getId());
    }

    /** Adds the pieces of {@code [start, end)} clipped to the week, one per local day it touches. */
    private static void draw(List<WeekBlock> out, Instant start, Instant end, Instant from, Instant to, ZoneId zone,
                             LocalDate monday, String kind, String label, String title) {
        Instant s = start.isBefore(from) ? from : start;
        Instant e = end.isAfter(to) ? to : end;
        boolean first = true;
        while (s.isBefore(e)) {
            LocalDateTime local = LocalDateTime.ofInstant(s, zone);
            LocalDate day = local.toLocalDate();
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant pieceEnd = e.isBefore(dayEnd) ? e : dayEnd;
            int startMin = local.getHour() * 60 + local.getMinute();
            LocalDateTime localEnd = LocalDateTime.ofInstant(pieceEnd, zone);
            int endMin = pieceEnd.equals(dayEnd) ? 1440 : localEnd.getHour() * 60 + localEnd.getMinute();
            long row = ChronoUnit.DAYS.between(monday, day);
            if (endMin > startMin && row >= 0 && row < 7) {
                double y = TOP + row * ROW + 3;
                out.add(new WeekBlock(x(startMin), y, x(endMin) - x(startMin), ROW - 6, kind, first ? label : "",
                        title));
                first = false;
            }
            s = pieceEnd;
        }
    }

    private static String title(Occurrence o, ZoneId shownIn) {
        ScheduleWindow w = o.window();
        String own = w.start() + "–" + w.end() + " " + w.timeZone().getId();
        String shown = w.timeZone().equals(shownIn) ? "" : " (" + hm(o.start(), shownIn) + "–" + hm(o.end(), shownIn)
                + " " + shownIn.getId() + ")";
        return w.name() + ": " + own + shown + ", standby " + w.standby().cores() + " cores";
    }

    private static String hm(Instant t, ZoneId zone) {
        LocalDateTime l = LocalDateTime.ofInstant(t, zone);
        return String.format(Locale.ROOT, "%02d:%02d", l.getHour(), l.getMinute());
    }

    private static double x(int minuteOfDay) {
        return LEFT + (RIGHT - LEFT) * minuteOfDay / 1440.0;
    }
}
