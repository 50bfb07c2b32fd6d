package org.skyhold.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import org.skyhold.app.auth.Actor;
import org.skyhold.web.view.PageContext;

/**
 * A refused page request as a page in the site's layout: what went wrong and a link back to where the operator
 * came from (the page above the one asked for), never bare text.
 */
final class ErrorPages {
    private ErrorPages() {
    }

    static void render(Context ctx, HttpStatus status, List<String> messages) {
        String title = switch (status) {
            case NOT_FOUND -> "Not found";
            case BAD_REQUEST -> "Not accepted";
            case INTERNAL_SERVER_ERROR -> "Something went wrong";
            default -> status.getMessage();
        };
        PageContext page = new PageContext(title, SecurityFilter.actor(ctx).map(Actor::csrfToken).orElse(null), null,
                null);
        ctx.status(status).render("error.jte", Map.of("page", page, "messages", messages, "back", back(ctx.path())));
    }

    /**
     * The page above {@code path}: {@code /zones/7/vm-providers/new} goes back to zone 7, {@code /agents/x} to the
     * agents, a zone (which has no list page of its own) to the dashboard.
     */
    static String back(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int cut = p.lastIndexOf('/');
        p = cut <= 0 ? "/" : p.substring(0, cut);
        if (p.endsWith("/vm-providers")) {
            p = p.substring(0, p.length() - "/vm-providers".length());
        }
        return p.isEmpty() || p.equals("/zones") ? "/" : p;
    }
}
