package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Map;
import org.skyhold.app.settings.ScheduleService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.schedule.ScheduleNow;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.WeekDays;

/** {@code /api/v1/zones/{id}/schedules}: a zone's standby windows. */
public final class ScheduleApiController {
    private static final String PATH = "/api/v1/zones/{id}/schedules";
    private final ScheduleService schedules;
    private final ObjectMapper json;

    public ScheduleApiController(ScheduleService schedules, ObjectMapper json) {
        this.schedules = schedules;
        this.json = json;
    }

    public void register(Routes r) {
        r.get(PATH, ctx -> ctx.json(schedules.list(PathIds.id(ctx, "id")).stream().map(this::window).toList()),
                        Access.SIGNED_IN, "List a zone's standby windows")
                .post(PATH, ctx -> ctx.status(HttpStatus.CREATED).json(window(schedules.create(PathIds.id(ctx, "id"),
                        JsonInput.fields(ctx, json), actor(ctx)))), Access.SIGNED_IN,
                        "Add a standby window (overlapping windows are refused)")
                .get(PATH + "/{window_id}", ctx -> ctx.json(window(schedules.get(PathIds.id(ctx, "id"),
                        PathIds.id(ctx, "window_id")))), Access.SIGNED_IN, "Read a standby window")
                .put(PATH + "/{window_id}", ctx -> ctx.json(window(schedules.update(PathIds.id(ctx, "id"),
                        PathIds.id(ctx, "window_id"), JsonInput.fields(ctx, json), actor(ctx)))), Access.SIGNED_IN,
                        "Change a standby window (fields left out keep their values)")
                .delete(PATH + "/{window_id}", ctx -> {
                    schedules.delete(PathIds.id(ctx, "id"), PathIds.id(ctx, "window_id"), actor(ctx));
                    ctx.status(HttpStatus.NO_CONTENT);
                }, Access.SIGNED_IN, "Delete a standby window");
    }

    ObjectNode window(ScheduleWindow w) {
        ObjectNode out = json.createObjectNode().put("id", w.id()).put("zone_id", w.zoneId()).put("name", w.name());
        ArrayNode days = out.putArray("days");
        WeekDays.names(w.days()).forEach(days::add);
        out.put("start", w.start().toString()).put("end", w.end().toString()).put("time_zone", w.timeZone().getId())
                .put("standby_cores", w.standby().cores()).put("standby_gpus", w.standby().gpus())
                .put("standby_memory_mb", w.standby().memoryMb()).put("lead_minutes", w.leadMinutes())
                .put("drain_at_end", w.drainAtEnd());
        ArrayNode staged = out.putArray("staged_sessions");
        w.stagedSessions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> staged
                .addObject().put("image_id", e.getKey()).put("num_sessions", e.getValue()));
        return out;
    }

    /** The zone JSON's {@code schedule_now}: the window in force (null: the zone's own values) and the next change. */
    static ObjectNode now(ObjectMapper json, ScheduleNow n) {
        ObjectNode out = json.createObjectNode().put("window", n.windowName())
                .put("standby_cores", n.standby().cores()).put("standby_gpus", n.standby().gpus())
                .put("standby_memory_mb", n.standby().memoryMb());
        Instant next = n.nextChangeAt();
        out.put("next_change_at", next == null ? null : next.toString());
        if (n.nextStandby() != null) {
            out.put("next_standby_cores", n.nextStandby().cores()).put("next_standby_gpus", n.nextStandby().gpus())
                    .put("next_standby_memory_mb", n.nextStandby().memoryMb());
        }
        out.put("ramping_for", n.ramps().isEmpty() ? null : n.ramps().get(0).window().name());
        out.put("draining_after", n.drainAfter() == null ? null : n.drainAfter().name());
        return out;
    }

    private static String actor(Context ctx) {
        return SecurityFilter.requireActor(ctx).name();
    }
}
