package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import org.skyhold.app.settings.CertificateInfo;
import org.skyhold.app.settings.ZoneFields;
import org.skyhold.app.settings.ScheduleService;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.model.Zone;

/** {@code /api/v1/zones}: list, create, read, change (partially) and delete zones. */
public final class ZoneApiController {
    private final ZoneService zones;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScheduleService schedules;

    public ZoneApiController(ZoneService zones, ObjectMapper json, Clock clock, ScheduleService schedules) {
        this.zones = zones;
        this.json = json;
        this.clock = clock;
        this.schedules = schedules;
    }

    public void register(Routes r) {
        r.get("/api/v1/zones", this::list, Access.SIGNED_IN, "List zones")
                .post("/api/v1/zones", this::create, Access.SIGNED_IN, "Create a zone")
                .get("/api/v1/zones/{id}", this::get, Access.SIGNED_IN, "Read a zone")
                .put("/api/v1/zones/{id}", this::update, Access.SIGNED_IN, "Change a zone (fields left out keep their values)")
                .delete("/api/v1/zones/{id}", this::delete, Access.SIGNED_IN, "Delete a zone");
    }

    private void list(Context ctx) {
        ctx.json(zones.list().stream().map(this::body).toList());
    }

    private void create(Context ctx) {
        Zone zone = zones.create(JsonInput.fields(ctx, json), SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.CREATED).json(body(zone));
    }

    private void get(Context ctx) {
        ctx.json(body(zones.get(PathIds.id(ctx, "id"))));
    }

    private void update(Context ctx) {
        ctx.json(body(zones.update(PathIds.id(ctx, "id"), JsonInput.fields(ctx, json),
                SecurityFilter.requireActor(ctx).name())));
    }

    private void delete(Context ctx) {
        zones.delete(PathIds.id(ctx, "id"), SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    ObjectNode body(Zone zone) {
        ObjectNode out = json.createObjectNode().put("id", zone.id());
        SettingsJson.write(out, ZoneFields.ALL, ZoneFields.values(zone.settings()), ZoneFields.secrets(zone.settings()),
                json);
        CertificateInfo cert = CertificateInfo.of(zone.settings().nginxCert(), zone.settings().baseDomainName(),
                clock.instant());
        out.set("nginx_cert_info", cert == null ? null : json.valueToTree(cert));
        out.put("created_at", zone.createdAt().toString()).put("updated_at", zone.updatedAt().toString());
        out.set("schedule_now", ScheduleApiController.now(json, schedules.now(zone)));
        return out;
    }
}
