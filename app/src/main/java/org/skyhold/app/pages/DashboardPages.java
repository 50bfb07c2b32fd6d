package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.util.Map;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;

/** The home page: the zones at a glance. */
public final class DashboardPages {
    private final ZoneService zones;

    public DashboardPages(ZoneService zones) {
        this.zones = zones;
    }

    public void register(Routes r) {
        r.get("/", this::home, Access.SIGNED_IN, "Home: the zones");
    }

    private void home(Context ctx) {
        ctx.render("index.jte", Map.of("page", Pages.context(ctx, "Zones"), "zones", zones.list()));
    }
}
