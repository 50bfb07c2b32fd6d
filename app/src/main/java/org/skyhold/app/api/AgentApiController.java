package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.JsonErrorResponse;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.engine.AgentService;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.DnsStatus;
import org.skyhold.domain.model.WireEnum;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.DnsRecordRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.port.VmProviderConfigRepository;

/** {@code /api/v1/agents}: list and read agents, register static ones, drain, destroy. */
public final class AgentApiController {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final AgentService service;
    private final AgentRepository agents;
    private final SessionRepository sessions;
    private final VmProviderConfigRepository providers;
    private final DnsRecordRepository dnsRecords;
    private final ZoneService zones;
    private final ObjectMapper json;

    public AgentApiController(AgentService service, AgentRepository agents, SessionRepository sessions,
                              VmProviderConfigRepository providers, DnsRecordRepository dnsRecords, ZoneService zones,
                              ObjectMapper json) {
        this.service = service;
        this.agents = agents;
        this.sessions = sessions;
        this.providers = providers;
        this.dnsRecords = dnsRecords;
        this.zones = zones;
        this.json = json;
    }

    public void register(Routes r) {
        r.get("/api/v1/agents", this::list, Access.SIGNED_IN,
                        "List agents, newest first (?zone_id=&state=&before=&limit=)")
                .post("/api/v1/agents", this::registerStatic, Access.SIGNED_IN, "Register a static agent")
                .get("/api/v1/agents/{id}", this::get, Access.SIGNED_IN, "Read an agent")
                .post("/api/v1/agents/{id}/drain", this::drain, Access.SIGNED_IN, "Drain an agent")
                .delete("/api/v1/agents/{id}", this::destroy, Access.SIGNED_IN,
                        "Destroy an agent (409 while it holds sessions unless ?force=true)");
    }

    private void list(Context ctx) {
        Set<AgentState> states = EnumSet.noneOf(AgentState.class);
        String state = ctx.queryParam("state");
        if (state != null && !state.isBlank()) {
            try {
                states.add(WireEnum.fromWire(AgentState.class, state));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("state", e.getMessage());
            }
        }
        String zone = ctx.queryParam("zone_id");
        Long zoneId = zone == null || zone.isBlank() ? null : zones.get(parse(zone, "zone_id")).id();
        String before = ctx.queryParam("before");
        String limit = ctx.queryParam("limit");
        // pages like the events: newest first, 100 by default and 1000 at most, "before" the last id seen
        int n = limit == null || limit.isBlank() ? DEFAULT_PAGE
                : (int) Math.max(1, Math.min(MAX_PAGE, parse(limit, "limit")));
        var list = agents.listPage(zoneId, states, before == null || before.isBlank() ? null : before, n);
        // one count query, one DNS read and one read per provider, not queries per agent: this lists thousands
        List<String> ids = list.stream().map(Agent::id).toList();
        Map<String, Integer> open = sessions.countOpenByAgent(ids);
        Map<String, DnsStatus> dns = dnsRecords.statusOf(ids);
        Map<Long, String> kinds = new HashMap<>();
        ctx.json(list.stream().map(a -> body(a, open.getOrDefault(a.id(), 0), a.providerConfigId() == null ? kindOf(a)
                : kinds.computeIfAbsent(a.providerConfigId(), id -> kindOf(a)),
                dns.getOrDefault(a.id(), DnsStatus.NONE))).toList());
    }

    private void get(Context ctx) {
        ctx.json(body(find(ctx)));
    }

    private void registerStatic(Context ctx) {
        Map<String, String> in = JsonInput.fields(ctx, json);
        long zoneId = parse(in.get("zone_id"), "zone_id");
        zones.get(zoneId);
        String name = in.getOrDefault("name", "").trim();
        String address = in.getOrDefault("address", "").trim();
        if (name.isEmpty()) {
            throw ValidationException.of("name", "is required");
        }
        if (address.isEmpty()) {
            throw ValidationException.of("address", "is required (the host name or IP clients reach the agent at)");
        }
        Capacity c = new Capacity(parse(in.get("cores"), "cores"), parse(in.get("gpus"), "gpus"),
                parse(in.get("memory_mb"), "memory_mb"));
        Agent agent = service.registerStatic(zoneId, name, address, c, SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.CREATED).json(body(agent));
    }

    private void drain(Context ctx) {
        Agent agent = find(ctx);
        ctx.json(body(service.drain(agent.id(), SecurityFilter.requireActor(ctx).name()).orElse(agent)));
    }

    private void destroy(Context ctx) {
        Agent agent = find(ctx);
        boolean force = "true".equals(ctx.queryParam("force"));
        switch (service.destroy(agent.id(), force, SecurityFilter.requireActor(ctx).name())) {
            case HAS_SESSIONS -> throw new JsonErrorResponse(HttpStatus.CONFLICT, "agent " + agent.id()
                    + " holds sessions; drain it, or destroy with ?force=true to end them");
            case NOT_FOUND -> throw new JsonErrorResponse(HttpStatus.NOT_FOUND, "agent " + agent.id()
                    + " is not live");
            case IN_PROGRESS -> ctx.status(HttpStatus.ACCEPTED).json(body(agents.find(agent.id()).orElse(agent)));
            case DESTROYED -> ctx.json(body(agents.find(agent.id()).orElse(agent)));
        }
    }

    private Agent find(Context ctx) {
        return agents.find(ctx.pathParam("id"))
                .orElseThrow(() -> new JsonErrorResponse(HttpStatus.NOT_FOUND, "no agent " + ctx.pathParam("id")));
    }

    ObjectNode body(Agent a) {
        return body(a, sessions.listOpenByAgent(a.id()).size(), kindOf(a),
                dnsRecords.statusOf(List.of(a.id())).getOrDefault(a.id(), DnsStatus.NONE));
    }

    /** The agent's provider kind on the wire: "static" for a static agent, null when its provider is gone. */
    private String kindOf(Agent a) {
        return a.providerConfigId() == null ? (a.autoscaled() ? null : "static")
                : providers.find(a.providerConfigId()).map(p -> p.kind()).orElse(null);
    }

    private ObjectNode body(Agent a, int openSessions, String providerKind, DnsStatus dns) {
        ObjectNode out = json.createObjectNode().put("id", a.id()).put("zone_id", a.zoneId())
                .put("provider_config_id", a.providerConfigId())
                .put("provider_kind", providerKind)
                .put("name", a.name()).put("state", a.state().wireName()).put("instance_id", a.instanceId())
                .put("address", a.address()).put("public_ip", a.publicIp()).put("private_ip", a.privateIp())
                .put("dns_name", a.dnsName()).put("cores", a.capacity().cores()).put("gpus", a.capacity().gpus())
                .put("memory_mb", a.capacity().memoryMb())
                .put("sessions", openSessions);
        out.put("created_at", a.createdAt().toString());
        out.put("state_changed_at", a.stateChangedAt().toString());
        out.put("checked_in_at", a.checkedInAt() == null ? null : a.checkedInAt().toString());
        out.put("last_heartbeat_at", a.lastHeartbeatAt() == null ? null : a.lastHeartbeatAt().toString());
        out.put("destroyed_at", a.destroyedAt() == null ? null : a.destroyedAt().toString());
        out.put("last_error", a.lastError());
        // whether the A record holds the agent's address; dns_error is why not, kept until a write succeeds
        out.put("dns_registered", dns.registered());
        out.put("dns_error", dns.error());
        out.put("dns_error_at", dns.errorAt() == null ? null : dns.errorAt().toString());
        return out;
    }

    private static long parse(String value, String field) {
        try {
            long n = Long.parseLong(value == null ? "" : value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ValidationException.of(field, "must be a non-negative whole number");
        }
    }
}
