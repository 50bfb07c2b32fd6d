package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.skyhold.app.settings.DnsProviderService;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.VmProviderService;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.Zone;

/**
 * The zone pages: create a zone, see one (its live dashboard, VM providers, NGINX certificate and settings),
 * change it and delete it. A refused save shows the same page again with status 400, the messages beside their
 * fields and the operator's typed values kept.
 */
public final class ZonePages {
    private final ZoneService zones;
    private final ZonePageModel model;

    /**
     * @param clock     the time the certificate's expiry and the providers' back-off are judged at
     * @param dashboard the live dashboard at the top of the zone page
     * @param schedules the zone's standby windows, shown as a week view and a list
     */
    public ZonePages(ZoneService zones, VmProviderService vmProviders, DnsProviderService dnsProviders, Clock clock,
                     ZoneDashboardModel dashboard, SchedulePages schedules) {
        this.zones = zones;
        this.model = new ZonePageModel(zones, vmProviders, dnsProviders, clock, dashboard, schedules.model());
    }

    /** Adds the zone pages; {@code /zones/new} goes first so it is not read as a zone id. */
    public void register(Routes r) {
        r.get("/zones/new", this::newForm, Access.SIGNED_IN, "New-zone form")
                .post("/zones", this::create, Access.SIGNED_IN, "Create a zone from the form")
                .get("/zones/{id}", this::show, Access.SIGNED_IN, "Zone page: live dashboard, providers, certificate, settings")
                .post("/zones/{id}", this::update, Access.SIGNED_IN, "Save a zone's settings from the form")
                .post("/zones/{id}/delete", this::delete, Access.SIGNED_IN, "Delete a zone");
    }

    private void newForm(Context ctx) {
        ctx.render("zone-new.jte", model.newZone(ctx, Map.of(), List.of()));
    }

    private void create(Context ctx) {
        Map<String, String> input = Forms.input(ctx);
        try {
            Zone zone = zones.create(input, Pages.actor(ctx));
            ctx.redirect("/zones/" + zone.id() + "?notice=created", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("zone-new.jte", model.newZone(ctx, input, e.errors()));
        }
    }

    private void show(Context ctx) {
        ctx.render("zone.jte", model.zone(ctx, Pages.id(ctx, "id"), Map.of(), List.of()));
    }

    private void update(Context ctx) {
        long id = Pages.id(ctx, "id");
        Map<String, String> input = Forms.input(ctx);
        try {
            zones.update(id, input, Pages.actor(ctx));
            ctx.redirect("/zones/" + id + "?notice=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("zone.jte", model.zone(ctx, id, input, e.errors()));
        }
    }

    private void delete(Context ctx) {
        long id = Pages.id(ctx, "id");
        try {
            zones.delete(id, Pages.actor(ctx));
            ctx.redirect("/?notice=deleted", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.CONFLICT).render("zone.jte", model.zone(ctx, id, Map.of(), e.errors()));
        }
    }
}
