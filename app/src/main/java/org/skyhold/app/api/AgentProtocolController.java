package org.skyhold.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.function.Supplier;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.JsonErrorResponse;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.engine.CheckinService;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.ZoneRepository;

/**
 * The agents' endpoints, open to callers that hold an agent's own token: the one-time check-in and the
 * heartbeat. Everything else about agents needs a signed-in caller.
 *
 * <p>An agent that checks in with {@code "nginx_tls": true} gets its zone's NGINX certificate and key in the
 * answer ({@code nginx_cert}, {@code nginx_key}; null when the zone has none). That is the way to deliver the key:
 * the check-in token works once and travels over TLS, while {@code {nginx_key_in}} puts the key into user data,
 * which clouds serve from the metadata service to every process on the VM.
 */
public final class AgentProtocolController {
    private final CheckinService checkins;
    private final Supplier<String> publicUrl;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneRepository zones;

    /** @param zones where the NGINX certificate and key of a checking-in agent's zone are read */
    public AgentProtocolController(CheckinService checkins, ZoneRepository zones, Supplier<String> publicUrl,
                                   ObjectMapper json, Clock clock) {
        this.checkins = checkins;
        this.zones = zones;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
    }

    public void register(Routes r) {
        r.post("/api/v1/agent/checkin", this::checkin, Access.AGENT_TOKEN,
                "An agent checks in with its one-time token and reports its capacity; with \"nginx_tls\": true "
                        + "the answer carries the zone's NGINX certificate and key")
                .post(CheckinService.HEARTBEAT_PATH, this::heartbeat, Access.AGENT_TOKEN,
                        "An agent's heartbeat; answers the sessions assigned to it");
    }

    private void checkin(Context ctx) {
        JsonNode body = body(ctx);
        long cores = number(body, "cores");
        long gpus = number(body, "gpus");
        long memory = number(body, "memory_mb");
        var report = new CheckinService.Report(new Capacity(cores, gpus, memory), body.path("hostname").asText(""),
                body.hasNonNull("ip") ? body.path("ip").asText() : null);
        var checkedIn = checkins.checkIn(token(ctx), report, clock.instant())
                .orElseThrow(() -> new JsonErrorResponse(HttpStatus.UNAUTHORIZED,
                        "unknown or already used check-in token"));
        ObjectNode out = json.createObjectNode().put("agent_id", checkedIn.agent().id())
                .put("heartbeat_url", publicUrl.get() + CheckinService.HEARTBEAT_PATH)
                .put("heartbeat_token", checkedIn.heartbeatToken());
        if (body.path("nginx_tls").asBoolean(false)) {
            ZoneSettings zone = zones.find(checkedIn.agent().zoneId()).map(Zone::settings).orElse(null);
            out.put("nginx_cert", zone == null ? null : zone.nginxCert());
            out.put("nginx_key", zone == null || zone.nginxKey() == null ? null : zone.nginxKey().reveal());
        }
        ctx.json(out);
    }

    private void heartbeat(Context ctx) {
        var beat = checkins.heartbeat(token(ctx), clock.instant())
                .orElseThrow(() -> new JsonErrorResponse(HttpStatus.UNAUTHORIZED, "unknown heartbeat token"));
        var out = json.createObjectNode().put("agent_id", beat.agent().id()).put("state",
                beat.agent().state().wireName());
        var sessions = out.putArray("sessions");
        beat.sessions().forEach(s -> sessions.addObject().put("id", s.id()).put("kind", s.kind().wireName())
                .put("state", s.state().wireName()).put("user", s.userName())
                .put("image_id", s.imageId()));
        ctx.json(out);
    }

    private static String token(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new JsonErrorResponse(HttpStatus.UNAUTHORIZED, "send the agent's token as 'Authorization: Bearer ...'");
        }
        return h.substring(7).trim();
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = json.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new JsonErrorResponse(HttpStatus.BAD_REQUEST, "the body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new JsonErrorResponse(HttpStatus.BAD_REQUEST, "the body is not valid JSON");
        }
    }

    private static long number(JsonNode body, String field) {
        JsonNode n = body.path(field);
        if (!n.canConvertToLong() || n.asLong() < 0) {
            throw new JsonErrorResponse(HttpStatus.BAD_REQUEST, field + " must be a non-negative whole number");
        }
        return n.asLong();
    }
}
