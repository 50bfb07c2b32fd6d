package org.skyhold.app.pages;

import io.javalin.http.Context;
import org.skyhold.app.auth.Actor;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.web.view.PageContext;

/** What every page controller needs to start a page: its title and the caller's CSRF token. */
public final class Pages {
    private Pages() {
    }

    public static PageContext context(Context ctx, String title) {
        String notice = ctx.queryParam("notice");
        return new PageContext(title, SecurityFilter.actor(ctx).map(Actor::csrfToken).orElse(null),
                notice == null ? null : NoticeText.of(notice), notice == null ? null
                        : notice.startsWith("error") ? "error" : "ok");
    }

    /** The signed-in caller's name, for events. */
    public static String actor(Context ctx) {
        return SecurityFilter.requireActor(ctx).name();
    }

    /** A numeric id from the path; anything else names no page, so it is a 404 rather than a server error. */
    public static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new NotFoundException("no such page: " + ctx.path());
        }
    }
}
