package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.web.view.PageContext;

/**
 * The notices of the agent actions and the way back to the page they were asked from. A refused destroy names
 * the agent and its sessions; the words come from the database (the agent named by {@code ?agent=} and its
 * count now), never from the link, like every other notice.
 */
final class AgentNotice {
    static final String HAS_SESSIONS = "error-agent-has-sessions";

    private AgentNotice() {
    }

    /** The page's context, with the refusal worded for the agent when the link names a known one. */
    static PageContext context(Context ctx, String title, AgentRepository agents, SessionRepository sessions) {
        PageContext page = Pages.context(ctx, title);
        String agentId = ctx.queryParam("agent");
        if (!HAS_SESSIONS.equals(ctx.queryParam("notice")) || agentId == null || agents.find(agentId).isEmpty()) {
            return page;
        }
        int n = sessions.listOpenByAgent(agentId).size();
        return page.withNotice("Agent " + agentId + " holds " + n + (n == 1 ? " session" : " sessions")
                + ", so it was not destroyed: drain it first, or tick 'end its sessions' to destroy anyway.", "error");
    }

    /** This page's own path and query, less the notice, so an action can come back to it with filters kept. */
    static String here(Context ctx) {
        String query = ctx.queryParamMap().entrySet().stream()
                .filter(e -> !e.getKey().equals("notice") && !e.getKey().equals("agent"))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
    }

    /**
     * Where an action redirects: the form's {@code back} when it is one of the agents pages (anything else could
     * send the operator off site), with the notice added.
     */
    static String back(Context ctx, String notice, String agentId) {
        String back = ctx.formParam("back");
        if (back == null || !back.startsWith("/agents") || back.startsWith("//") || back.contains("\\")) {
            back = "/agents";
        }
        int fragment = back.indexOf('#');
        if (fragment >= 0) {
            back = back.substring(0, fragment); // the notice must go in the query, not after a fragment
        }
        List<String> extra = notice.equals(HAS_SESSIONS) ? List.of("notice=" + notice, "agent=" + encode(agentId))
                : List.of("notice=" + notice);
        return back + (back.contains("?") ? "&" : "?") + String.join("&", extra);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
