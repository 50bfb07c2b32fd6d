package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.skyhold.app.settings.ScheduleService;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.schedule.ScheduleWindow;

/**
 * The window pages of a zone: add, change and delete a standby window. A refused save shows the form again with
 * status 400, each message beside its field and what the operator typed kept.
 */
public final class SchedulePages {
    private final ScheduleService schedules;
    private final ZoneService zones;
    private final ScheduleModel model;

    public SchedulePages(ScheduleService schedules, ZoneService zones, StagingConfigService staging,
                         ImageRepository images, Clock clock) {
        this.schedules = schedules;
        this.zones = zones;
        this.model = new ScheduleModel(schedules, staging, images, clock);
    }

    /** The zone page's schedule section and dashboard line come from the same model. */
    ScheduleModel model() {
        return model;
    }

    public void register(Routes r) {
        r.get("/zones/{id}/schedules/new", this::newForm, Access.SIGNED_IN, "New standby window form")
                .post("/zones/{id}/schedules", this::create, Access.SIGNED_IN, "Add a standby window from the form")
                .get("/zones/{id}/schedules/{window_id}", this::edit, Access.SIGNED_IN, "Standby window form")
                .post("/zones/{id}/schedules/{window_id}", this::update, Access.SIGNED_IN,
                        "Save a standby window from the form")
                .post("/zones/{id}/schedules/{window_id}/delete", this::delete, Access.SIGNED_IN,
                        "Delete a standby window");
    }

    private void newForm(Context ctx) {
        Zone zone = zones.get(Pages.id(ctx, "id"));
        ctx.render("schedule-window.jte", Map.of("v", model.form(ctx, zone, null, Map.of(), List.of())));
    }

    private void create(Context ctx) {
        Zone zone = zones.get(Pages.id(ctx, "id"));
        Map<String, String> posted = Forms.input(ctx);
        try {
            schedules.create(zone.id(), ScheduleModel.input(posted), Pages.actor(ctx));
            ctx.redirect("/zones/" + zone.id() + "?notice=created#schedule", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("schedule-window.jte", Map.of("v", model.form(ctx, zone, null,
                    ScheduleModel.typed(posted), e.errors())));
        }
    }

    private void edit(Context ctx) {
        Zone zone = zones.get(Pages.id(ctx, "id"));
        ScheduleWindow w = schedules.get(zone.id(), Pages.id(ctx, "window_id"));
        ctx.render("schedule-window.jte", Map.of("v", model.form(ctx, zone, w, Map.of(), List.of())));
    }

    private void update(Context ctx) {
        Zone zone = zones.get(Pages.id(ctx, "id"));
        ScheduleWindow w = schedules.get(zone.id(), Pages.id(ctx, "window_id"));
        Map<String, String> posted = Forms.input(ctx);
        try {
            schedules.update(zone.id(), w.id(), ScheduleModel.input(posted), Pages.actor(ctx));
            ctx.redirect("/zones/" + zone.id() + "?notice=saved#schedule", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("schedule-window.jte", Map.of("v", model.form(ctx, zone, w,
                    ScheduleModel.typed(posted), e.errors())));
        }
    }

    private void delete(Context ctx) {
        long zoneId = Pages.id(ctx, "id");
        schedules.delete(zoneId, Pages.id(ctx, "window_id"), Pages.actor(ctx));
        ctx.redirect("/zones/" + zoneId + "?notice=deleted#schedule", HttpStatus.SEE_OTHER);
    }
}
