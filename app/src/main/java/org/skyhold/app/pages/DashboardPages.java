package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.web.view.ZoneHealthRow;

/** The home page: every zone with its health in one line and links to its dashboard, agents and events. */
public final class DashboardPages {
    private final ZoneService zones;
    private final ZoneDashboardModel dashboard;

    public DashboardPages(ZoneService zones, ZoneDashboardModel dashboard) {
        this.zones = zones;
        this.dashboard = dashboard;
    }

    public void register(Routes r) {
        r.get("/", this::home, Access.SIGNED_IN, "Home: every zone's health at a glance");
    }

    private void home(Context ctx) {
        List<ZoneHealthRow> rows = zones.list().stream().map(dashboard::health).flatMap(Optional::stream).toList();
        ctx.render("index.jte", Map.of("page", Pages.context(ctx, "Zones"), "zones", rows));
    }
}
