package org.skyhold.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.WeekDays;

/**
 * A window's wire fields (JSON and form alike, as raw text) to a {@link ScheduleWindow}, refusing each bad field
 * by name. {@code days} is a JSON list or comma-separated names; {@code staged_sessions} a JSON list of
 * {@code {"image_id", "num_sessions"}}.
 */
final class ScheduleInput {
    static final List<String> FIELDS = List.of("name", "days", "start", "end", "time_zone", "standby_cores",
            "standby_gpus", "standby_memory_mb", "lead_minutes", "drain_at_end", "staged_sessions");
    static final int MAX_LEAD_MINUTES = 720;
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");
    private final ObjectMapper json;

    ScheduleInput(ObjectMapper json) {
        this.json = json;
    }

    /** The window the values describe, or throws {@link ValidationException} naming every bad field. */
    ScheduleWindow parse(long id, long zoneId, Map<String, String> v, Set<Long> stagedImages) {
        List<FieldError> errors = new ArrayList<>();
        v.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of a window")));
        String name = text(v, "name");
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", name.isEmpty() ? "is required" : "must be at most 100 characters"));
        }
        Set<DayOfWeek> days = days(text(v, "days"), errors);
        LocalTime start = time(v, "start", errors);
        LocalTime end = time(v, "end", errors);
        ZoneId zone = null;
        String tz = text(v, "time_zone");
        if (tz.isEmpty()) {
            errors.add(new FieldError("time_zone", "is required (an IANA time zone such as Europe/Berlin)"));
        } else if (!ZoneId.getAvailableZoneIds().contains(tz)) {
            errors.add(new FieldError("time_zone", "\"" + tz + "\" is not an IANA time zone (such as Europe/Berlin "
                    + "or America/New_York)"));
        } else {
            zone = ZoneId.of(tz);
        }
        long cores = number(v, "standby_cores", 0, 1_000_000, errors);
        long gpus = number(v, "standby_gpus", 0, 100_000, errors);
        long memory = number(v, "standby_memory_mb", 0, 1L << 40, errors);
        long lead = number(v, "lead_minutes", 0, MAX_LEAD_MINUTES, errors);
        boolean drain = flag(v, "drain_at_end", errors);
        Map<Long, Integer> staged = staged(text(v, "staged_sessions"), stagedImages, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ScheduleWindow(id, zoneId, name, days, start, end, zone, new Capacity(cores, gpus, memory),
                (int) lead, drain, staged);
    }

    /** The window as wire text, for merging a partial change over it. */
    static Map<String, String> wire(ScheduleWindow w) {
        Map<String, String> v = new LinkedHashMap<>();
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
        StringBuilder staged = new StringBuilder("[");
        w.stagedSessions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> staged
                .append(staged.length() > 1 ? "," : "").append("{\"image_id\":").append(e.getKey())
                .append(",\"num_sessions\":").append(e.getValue()).append('}'));
        v.put("staged_sessions", staged.append(']').toString());
        return v;
    }

    private static String text(Map<String, String> v, String field) {
        String s = v.get(field);
        return s == null ? "" : s.trim();
    }

    private Set<DayOfWeek> days(String raw, List<FieldError> errors) {
        List<String> names = new ArrayList<>();
        if (raw.startsWith("[")) {
            Optional<JsonNode> list = tree(raw);
            if (list.isEmpty() || !list.get().isArray()) {
                errors.add(new FieldError("days", "must be a list of days such as [\"mon\", \"tue\"]"));
                return Set.of();
            }
            list.get().forEach(n -> names.add(n.asText()));
        } else if (!raw.isEmpty()) {
            names.addAll(List.of(raw.split("\\s*,\\s*")));
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String n : names) {
            Optional<DayOfWeek> d = WeekDays.parse(n);
            if (d.isEmpty()) {
                errors.add(new FieldError("days", "\"" + n + "\" is not a day (use mon, tue, wed, thu, fri, sat, sun)"));
                return Set.of();
            }
            days.add(d.get());
        }
        if (days.isEmpty()) {
            errors.add(new FieldError("days", "needs at least one day"));
        }
        return days;
    }

    private static LocalTime time(Map<String, String> v, String field, List<FieldError> errors) {
        String s = text(v, field);
        if (!TIME.matcher(s).matches()) {
            errors.add(new FieldError(field, s.isEmpty() ? "is required (a time of day as HH:MM, e.g. 09:00)"
                    : "\"" + s + "\" is not a time of day as HH:MM (00:00 to 23:59, or 24:00 for an end)"));
            return null;
        }
        if (s.equals("24:00")) {
            if (field.equals("start")) {
                errors.add(new FieldError(field, "24:00 is only an end; a window that starts at midnight starts at 00:00"));
            }
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.parse(s);
    }

    private static long number(Map<String, String> v, String field, long min, long max, List<FieldError> errors) {
        String s = text(v, field);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                errors.add(new FieldError(field, "must be between " + min + " and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "\"" + s + "\" is not a whole number"));
            return 0;
        }
    }

    private static boolean flag(Map<String, String> v, String field, List<FieldError> errors) {
        String s = text(v, field);
        if (s.isEmpty() || s.equals("false")) {
            return false;
        }
        if (s.equals("true") || s.equals("on")) {
            return true;
        }
        errors.add(new FieldError(field, "must be true or false"));
        return false;
    }

    private Map<Long, Integer> staged(String raw, Set<Long> stagedImages, List<FieldError> errors) {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Optional<JsonNode> list = tree(raw);
        if (list.isEmpty() || !list.get().isArray()) {
            errors.add(new FieldError("staged_sessions", "must be a list such as [{\"image_id\": 3, \"num_sessions\": 5}]"));
            return Map.of();
        }
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (JsonNode n : list.get()) {
            JsonNode image = n.get("image_id");
            JsonNode count = n.get("num_sessions");
            if (image == null || !image.canConvertToLong() || count == null || !count.canConvertToInt()
                    || count.asInt() < 0 || count.asInt() > 10_000) {
                errors.add(new FieldError("staged_sessions", "each entry needs an image_id and a num_sessions from 0 "
                        + "to 10000"));
                return Map.of();
            }
            if (!stagedImages.contains(image.asLong())) {
                errors.add(new FieldError("staged_sessions", "image " + image.asLong() + " is not staged in this zone "
                        + "(add a staging config for it first)"));
                return Map.of();
            }
            out.put(image.asLong(), count.asInt());
        }
        return out;
    }

    private Optional<JsonNode> tree(String raw) {
        try {
            return Optional.ofNullable(json.readTree(raw));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
