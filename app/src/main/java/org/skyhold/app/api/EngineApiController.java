package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.engine.ExecutorLoop;
import org.skyhold.domain.engine.ZoneReconciler;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.planner.Plan;
import org.skyhold.domain.port.EventRepository;

/** The engine's explanations: a zone's dry-run plan with its primary manager, and the decision log. */
public final class EngineApiController {
    private final ZoneReconciler reconciler;
    private final ExecutorLoop loop;
    private final ZoneService zones;
    private final EventRepository events;
    private final ObjectMapper json;
    private final Clock clock;

    public EngineApiController(ZoneReconciler reconciler, ExecutorLoop loop, ZoneService zones, EventRepository events,
                               ObjectMapper json, Clock clock) {
        this.reconciler = reconciler;
        this.loop = loop;
        this.zones = zones;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    public void register(Routes r) {
        r.get("/api/v1/zones/{id}/plan", this::plan, Access.SIGNED_IN,
                        "What the engine would do in the zone now, and why (changes nothing)")
                .get("/api/v1/events", this::events, Access.SIGNED_IN,
                        "The decision log, newest first (?zone_id=&agent_id=&kind=&before=&limit=)");
    }

    private void plan(Context ctx) {
        long zoneId = zones.get(PathIds.id(ctx, "id")).id();
        Plan plan = reconciler.dryRun(zoneId, clock.instant()).orElseThrow();
        ObjectNode out = json.createObjectNode().put("zone_id", zoneId).put("act", plan.act());
        out.putObject("free").put("cores", plan.free().cores()).put("gpus", plan.free().gpus())
                .put("memory_mb", plan.free().memoryMb());
        out.putObject("target").put("cores", plan.target().cores()).put("gpus", plan.target().gpus())
                .put("memory_mb", plan.target().memoryMb());
        ArrayNode ups = out.putArray("scale_up");
        plan.scaleUps().forEach(u -> ups.addObject().put("provider_id", u.providerId())
                .put("provider", u.providerName()).put("count", u.count()).put("reason", u.reason()));
        ArrayNode downs = out.putArray("scale_down");
        plan.scaleDowns().forEach(d -> downs.addObject().put("agent_id", d.agentId()).put("reason", d.reason()));
        ArrayNode drains = out.putArray("drain");
        plan.drains().forEach(d -> drains.addObject().put("agent_id", d.agentId()).put("reason", d.reason()));
        out.put("window", plan.window());
        ArrayNode stage = out.putArray("stage");
        plan.stage().forEach(s -> stage.addObject().put("image_id", s.imageId()).put("count", s.count())
                .put("reason", s.reason()));
        out.set("notes", json.valueToTree(plan.notes()));
        out.set("config_errors", json.valueToTree(plan.configErrors()));
        loop.primary(zoneId).ifPresentOrElse(l -> out.putObject("primary").put("manager_id", l.managerId())
                .put("expires_at", l.expiresAt().toString()), () -> out.putNull("primary"));
        ctx.json(out);
    }

    private void events(Context ctx) {
        Long zoneId = optionalLong(ctx, "zone_id");
        Long before = optionalLong(ctx, "before");
        Long limit = optionalLong(ctx, "limit");
        int n = limit == null ? 100 : (int) Math.max(1, Math.min(1000, limit));
        ArrayNode out = json.createArrayNode();
        for (Event e : events.list(zoneId, ctx.queryParam("agent_id"), ctx.queryParam("kind"), before, n)) {
            ObjectNode o = out.addObject().put("id", e.id()).put("at", e.at().toString()).put("zone_id", e.zoneId())
                    .put("agent_id", e.agentId()).put("kind", e.kind()).put("actor", e.actor()).put("reason", e.reason());
            try {
                o.set("data", json.readTree(e.dataJson()));
            } catch (java.io.IOException ex) {
                o.putNull("data");
            }
        }
        ctx.json(out);
    }

    private static Long optionalLong(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, "must be a whole number");
        }
    }
}
