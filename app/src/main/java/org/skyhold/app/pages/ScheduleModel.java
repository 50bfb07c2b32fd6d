package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.ScheduleService;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.schedule.ScheduleNow;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.WeekDays;
import org.skyhold.domain.schedule.ZoneSchedule;
import org.skyhold.web.view.DayChoice;
import org.skyhold.web.view.FormField;
import org.skyhold.web.view.ScheduleRow;
import org.skyhold.web.view.SchedulePageView;
import org.skyhold.web.view.ScheduleView;

/**
 * Builds the schedule section of a zone page and the window form, and turns a posted form into the wire fields
 * the {@link ScheduleService} takes (days from one checkbox each, staged sessions from one number per staged image).
 */
final class ScheduleModel {
    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();
    private static final Set<String> PLAIN = Set.of("name", "start", "end", "time_zone", "standby_cores",
            "standby_gpus", "standby_memory_mb", "lead_minutes", "drain_at_end");
    private final ScheduleService schedules;
    private final StagingConfigService staging;
    private final ImageRepository images;
    private final Clock clock;

    ScheduleModel(ScheduleService schedules, StagingConfigService staging, ImageRepository images, Clock clock) {
        this.schedules = schedules;
        this.staging = staging;
        this.images = images;
        this.clock = clock;
    }

    /** The zone page's schedule section: what is in force, the week view and the list. */
    ScheduleView section(Zone zone) {
        Instant now = clock.instant();
        ZoneSchedule schedule = schedules.schedule(zone.id());
        ScheduleNow in = schedules.now(zone);
        List<ScheduleRow> rows = schedule.windows().stream().map(w -> row(w, schedule)).toList();
        return new ScheduleView(zone.id(), in.summary(now), in.windowName(), WeekViews.of(schedule, now), rows);
    }

    /** Each provider's measured boot time, for the zone page's provider table. */
    Map<Long, Duration> bootTimes(long zoneId) {
        return schedules.bootTimes(zoneId);
    }

    /** The dashboard's line, or null when the zone has no windows. */
    static String dashboardLine(ScheduleNow in, Instant now) {
        if (!in.scheduled()) {
            return null;
        }
        return in.summary(now) + (in.window() == null ? " (the zone's own standby; no window in force)"
                : " (window \"" + in.windowName() + "\")");
    }

    /** The form for a new window ({@code window} null) or to change one, with what was typed and refused. */
    SchedulePageView form(Context ctx, Zone zone, ScheduleWindow window, Map<String, String> typed,
                          List<FieldError> errors) {
        Map<String, String> values = new HashMap<>(window == null ? defaults() : wire(window));
        values.putAll(typed);
        Map<String, String> byField = new HashMap<>();
        List<String> general = new ArrayList<>();
        for (FieldError e : errors) {
            if (PLAIN.contains(e.field()) || e.field().equals("days")) {
                byField.putIfAbsent(e.field(), e.message());
            } else {
                general.add(labelOf(e.field()) + " " + e.message());
            }
        }
        Set<String> checked = Set.copyOf(List.of(values.getOrDefault("days", "").split(",")));
        List<DayChoice> days = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add(new DayChoice(WeekDays.name(d), d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                    checked.contains(WeekDays.name(d))));
        }
        List<FormField> fields = new ArrayList<>(List.of(
                field("name", "Name", "text", "What the window is for, e.g. office hours.", values, byField, true),
                field("start", "Opens at", "time", "Local time, HH:MM.", values, byField, true),
                field("end", "Closes at", "time", "Local time, HH:MM. At or before the opening: the next day "
                        + "(22:00 to 06:00 is a night; the same time is a whole day).", values, byField, true),
                field("time_zone", "Time zone", "text", "An IANA time zone such as Europe/Berlin. Local times hold "
                        + "across daylight-saving changes.", values, byField, true),
                field("standby_cores", "Standby cores", "number", "Replaces the zone's standby inside the window.",
                        values, byField, false),
                field("standby_gpus", "Standby GPUs", "number", null, values, byField, false),
                field("standby_memory_mb", "Standby memory (MB)", "number", null, values, byField, false),
                field("lead_minutes", "Lead (minutes)", "number", "Start scaling up this long before the opening (at "
                        + "least the providers' measured boot time), so agents are running when it opens. 0: no lead.",
                        values, byField, false),
                field("drain_at_end", "Drain at end", "checkbox", "When the window closes, surplus agents that still "
                        + "hold sessions take no new ones, so they empty and go. No session is ever ended.", values,
                        byField, false)));
        for (StagingConfig c : staging.list(zone.id())) {
            String name = "staged_" + c.imageId();
            String image = images.find(c.imageId()).map(Image::name).orElse("image " + c.imageId());
            fields.add(field(name, "Staged sessions of " + image, "number", "Leave empty to keep the zone's "
                    + c.numSessions() + ".", values, byField, false));
        }
        String base = "/zones/" + zone.id() + "/schedules";
        return new SchedulePageView(Pages.context(ctx, (window == null ? "New window" : window.name()) + " · "
                + zone.name()), zone.id(), zone.name(), window == null ? null : window.id(),
                window == null ? base : base + "/" + window.id(), window == null ? "Add window" : "Save window",
                days, byField.get("days"), fields, general, TIME_ZONES,
                WeekViews.of(schedules.schedule(zone.id()), clock.instant()));
    }

    /** The posted form as the service's wire fields. */
    static Map<String, String> input(Map<String, String> posted) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> days = new ArrayList<>();
        StringBuilder staged = new StringBuilder("[");
        for (DayOfWeek d : DayOfWeek.values()) {
            if ("true".equals(posted.get("day_" + WeekDays.name(d)))) {
                days.add(WeekDays.name(d));
            }
        }
        out.put("days", String.join(",", days));
        posted.forEach((k, v) -> {
            if (PLAIN.contains(k)) {
                out.put(k, v);
            } else if (k.startsWith("staged_") && !v.isBlank()) {
                staged.append(staged.length() > 1 ? "," : "").append("{\"image_id\":")
                        .append(json(k.substring("staged_".length()))).append(",\"num_sessions\":").append(json(v))
                        .append('}');
            }
        });
        out.put("staged_sessions", staged.append(']').toString());
        return out;
    }

    /** The typed values to show again: the wire fields, with each staged count under its own input. */
    static Map<String, String> typed(Map<String, String> posted) {
        Map<String, String> t = new HashMap<>(posted);
        t.put("days", input(posted).get("days"));
        return t;
    }

    private static String json(String raw) {
        String s = raw.trim();
        return s.matches("-?\\d{1,12}") ? s : "\"" + s.replaceAll("[^A-Za-z0-9 .:-]", "") + "\"";
    }

    private static Map<String, String> defaults() {
        return Map.of("days", "mon,tue,wed,thu,fri", "start", "09:00", "end", "18:00", "time_zone", "UTC",
                "standby_cores", "0", "standby_gpus", "0", "standby_memory_mb", "0", "lead_minutes", "0",
                "drain_at_end", "false");
    }

    private static Map<String, String> wire(ScheduleWindow w) {
        Map<String, String> v = new HashMap<>();
        v.put("name", w.name());
        v.put("days", String.join(",", WeekDays.names(w.days())));
        v.put("start", w.start().toString());
        v.put("end", w.end().toString());
        v.put("time_zone", w.timeZone().getId());
        v.put("standby_cores", Long.toString(w.standby().cores()));
        v.put("standby_gpus", Long.toString(w.standby().gpus()));
        v.put("standby_memory_mb", Long.toString(w.standby().memoryMb()));
        v.put("lead_minutes", Integer.toString(w.leadMinutes()));
        v.put("drain_at_end", Boolean.toString(w.drainAtEnd()));
        w.stagedSessions().forEach((image, n) -> v.put("staged_" + image, Integer.toString(n)));
        return v;
    }

    private static FormField field(String name, String label, String input, String help, Map<String, String> values,
                                   Map<String, String> errors, boolean required) {
        return new FormField(name, label, input, help, values.get(name), errors.get(name), required, false, List.of());
    }

    private static String labelOf(String field) {
        return field.equals("staged_sessions") ? "Staged sessions:" : field;
    }

    private static ScheduleRow row(ScheduleWindow w, ZoneSchedule schedule) {
        String standby = w.standby().cores() + " cores" + (w.standby().gpus() > 0 ? ", " + w.standby().gpus() + " GPUs"
                : "") + (w.standby().memoryMb() > 0 ? ", " + w.standby().memoryMb() + " MB" : "");
        Duration lead = schedule.lead(w);
        String leadText = w.leadMinutes() == 0 ? "none" : w.leadMinutes() + " min" + (lead.toMinutes()
                > w.leadMinutes() ? " (" + lead.toMinutes() + " min: the measured boot time)" : "");
        StringBuilder staged = new StringBuilder();
        w.stagedSessions().forEach((image, n) -> staged.append(staged.length() > 0 ? ", " : "").append(n)
                .append(" of image ").append(image));
        return new ScheduleRow(w.id(), w.name(), String.join(" ", WeekDays.names(w.days())), w.start() + "–" + w.end()
                + (w.crossesMidnight() ? " (next day)" : ""), w.timeZone().getId(), standby, leadText,
                w.drainAtEnd(), staged.toString());
    }
}
