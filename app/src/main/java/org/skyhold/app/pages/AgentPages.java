package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.skyhold.app.Repositories;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.engine.AgentService;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;

/**
 * The agents pages: every agent with filters, one agent's facts, timeline, sessions, tags and events, and the
 * drain and destroy buttons, which come back to the page they were pressed on with a notice.
 */
public final class AgentPages {
    private final AgentService service;
    private final Repositories repos;
    private final AgentListModel list;
    private final AgentDetailModel detail;

    /**
     * @param installationId this installation's id, which every VM's tags carry
     * @param clock the time states, ages and check-ins are measured to
     * @param catalog names the providers' kinds and their tags
     */
    public AgentPages(AgentService service, Repositories repos, ZoneService zones, String installationId,
                      Clock clock, ProviderCatalog catalog) {
        this.service = service;
        this.repos = repos;
        this.list = new AgentListModel(repos.agents(), repos.sessions(), repos.vmProviders(), zones,
                new KindLabels(catalog), clock);
        this.detail = new AgentDetailModel(repos.agents(), repos.sessions(), repos.vmProviders(), repos.events(),
                repos.images(), zones, new AgentTags(installationId, catalog), repos.dnsRecords(), clock);
    }

    public void register(Routes r) {
        r.get("/agents", this::list, Access.SIGNED_IN, "Agents page (?zone_id=&provider_id=&state=&show_destroyed=on)")
                .get("/agents/{id}", this::show, Access.SIGNED_IN, "Agent page: facts, timeline, sessions, events")
                .post("/agents/{id}/drain", this::drain, Access.SIGNED_IN, "Drain an agent from its page or the list")
                .post("/agents/{id}/destroy", this::destroy, Access.SIGNED_IN,
                        "Destroy an agent from a page (refused while it holds sessions unless force is ticked)");
    }

    private void list(Context ctx) {
        ctx.render("agents.jte", list.list(ctx));
    }

    /** An unknown id answers 404 with a page that says so and leads back to the list. */
    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Map<String, Object>> model = detail.agent(ctx, id);
        if (model.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).render("agent.jte", Map.of("page", Pages.context(ctx, "No such agent"),
                    "missingId", id));
            return;
        }
        ctx.render("agent.jte", model.get());
    }

    private void drain(Context ctx) {
        Agent agent = find(ctx);
        boolean draining = service.drain(agent.id(), Pages.actor(ctx))
                .map(a -> a.state() == AgentState.DRAINING).orElse(false);
        redirect(ctx, draining ? "agent-draining" : "error-agent-not-running", agent);
    }

    private void destroy(Context ctx) {
        Agent agent = find(ctx);
        boolean force = ctx.formParam("force") != null;
        String notice = switch (service.destroy(agent.id(), force, Pages.actor(ctx))) {
            case DESTROYED -> agent.autoscaled() ? "agent-destroyed" : "agent-removed";
            case IN_PROGRESS -> "agent-destroying";
            case HAS_SESSIONS -> AgentNotice.HAS_SESSIONS;
            case NOT_FOUND -> "error-agent-not-live";
        };
        redirect(ctx, notice, agent);
    }

    private void redirect(Context ctx, String notice, Agent agent) {
        ctx.redirect(AgentNotice.back(ctx, notice, agent.id()), HttpStatus.SEE_OTHER);
    }

    private Agent find(Context ctx) {
        String id = ctx.pathParam("id");
        return repos.agents().find(id).orElseThrow(() -> new NotFoundException("no agent " + id));
    }
}
