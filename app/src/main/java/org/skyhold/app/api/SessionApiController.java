package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.JsonErrorResponse;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.engine.SessionService;
import org.skyhold.domain.model.ApiScope;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.SessionRepository;

/** {@code /api/v1/sessions}: the platform asks for a session (201, or 503 with Retry-After), reads and ends it. */
public final class SessionApiController {
    private final SessionService service;
    private final SessionRepository sessions;
    private final AgentRepository agents;
    private final ObjectMapper json;

    public SessionApiController(SessionService service, SessionRepository sessions, AgentRepository agents,
                                ObjectMapper json) {
        this.service = service;
        this.sessions = sessions;
        this.agents = agents;
        this.json = json;
    }

    public void register(Routes r) {
        r.post("/api/v1/sessions", this::request, Access.SIGNED_IN,
                        "Ask for a session: claims a staged one or places a new one; 503 with Retry-After when full")
                .scope(ApiScope.SESSIONS)
                .get("/api/v1/sessions/{id}", this::get, Access.SIGNED_IN, "Read a session")
                .delete("/api/v1/sessions/{id}", this::end, Access.SIGNED_IN, "End a session and free its room")
                .scope(ApiScope.SESSIONS);
    }

    private void request(Context ctx) {
        Map<String, String> in = JsonInput.fields(ctx, json);
        long zoneId = id(in, "zone_id");
        long imageId = id(in, "image_id");
        String user = in.getOrDefault("user", "").trim();
        if (user.isEmpty()) {
            throw ValidationException.of("user", "is required");
        }
        // one statement places the session and reads its agent's address; the zone and image are read in it too
        PlacementResult result = service.request(zoneId, imageId, user);
        switch (result.outcome()) {
            case PLACED -> ctx.status(HttpStatus.CREATED).json(body(result.session(), result.agentAddress()));
            case NO_ZONE -> throw new NotFoundException("no zone " + zoneId);
            case NO_IMAGE -> throw new NotFoundException("no image " + imageId);
            default -> {
                ctx.header("Retry-After", "10");
                throw new JsonErrorResponse(HttpStatus.SERVICE_UNAVAILABLE,
                        "no agent has room for this session now; more capacity has been asked for, retry later");
            }
        }
    }

    private void get(Context ctx) {
        ctx.json(body(sessions.find(ctx.pathParam("id")).orElseThrow(
                () -> new JsonErrorResponse(HttpStatus.NOT_FOUND, "no session " + ctx.pathParam("id")))));
    }

    private void end(Context ctx) {
        if (!service.end(ctx.pathParam("id"))) {
            throw new JsonErrorResponse(HttpStatus.NOT_FOUND, "no open session " + ctx.pathParam("id"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    ObjectNode body(Session s) {
        return body(s, agents.find(s.agentId()).map(a -> a.reachableAddress()).orElse(null));
    }

    private ObjectNode body(Session s, String address) {
        return json.createObjectNode().put("id", s.id()).put("zone_id", s.zoneId()).put("image_id", s.imageId())
                .put("agent_id", s.agentId()).put("agent_address", address).put("kind", s.kind().wireName())
                .put("state", s.state().wireName()).put("user", s.userName())
                .put("created_at", s.createdAt().toString())
                .put("claimed_at", s.claimedAt() == null ? null : s.claimedAt().toString())
                .put("expires_at", s.expiresAt() == null ? null : s.expiresAt().toString())
                .put("ended_at", s.endedAt() == null ? null : s.endedAt().toString());
    }

    private static long id(Map<String, String> in, String field) {
        try {
            return Long.parseLong(in.getOrDefault(field, ""));
        } catch (NumberFormatException e) {
            throw ValidationException.of(field, "must be the id of an existing " + field.replace("_id", ""));
        }
    }
}
