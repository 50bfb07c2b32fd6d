package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.EventRepository;
import org.skyhold.web.view.EventFilterView;
import org.skyhold.web.view.EventPageView;
import org.skyhold.web.view.EventRow;
import org.skyhold.web.view.Option;

/**
 * The decision log as a page: every setting changed and every action or non-action of the engine, newest first,
 * with its reason in full, filtered by zone, agent and kind and paged by the last event seen. The first page is
 * live; an older page stays still so it can be read.
 */
public final class EventPages {
    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private final EventRepository events;
    private final ZoneService zones;

    public EventPages(EventRepository events, ZoneService zones) {
        this.events = events;
        this.zones = zones;
    }

    public void register(Routes r) {
        r.get("/events", this::show, Access.SIGNED_IN,
                "The decision log, newest first (?zone_id=&agent_id=&kind=&before=)");
    }

    private void show(Context ctx) {
        EventLogQuery q = EventLogQuery.from(ctx);
        Map<String, String> zoneNames = new LinkedHashMap<>();
        for (Zone z : zones.list()) {
            zoneNames.put(Long.toString(z.id()), z.name());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", Pages.context(ctx, "Events"));
        model.put("filters", filters(q, zoneNames));
        if (!q.errors().isEmpty()) {
            // a filter we cannot read is not silently dropped: showing the whole log would look like an answer
            model.put("log", null);
            ctx.status(HttpStatus.BAD_REQUEST).render("events.jte", model);
            return;
        }
        // one more than a page tells whether an older page exists without counting the log
        List<Event> found = events.list(q.zoneId(), q.agentFilter(), q.kindFilter(), q.before(), PAGE_SIZE + 1);
        List<Event> shown = found.subList(0, Math.min(PAGE_SIZE, found.size()));
        String older = found.size() > PAGE_SIZE ? q.href(shown.get(shown.size() - 1).id()) : null;
        String newest = q.before() == null ? null : q.href(null);
        model.put("log", new EventPageView(shown.stream().map(e -> row(e, zoneNames)).toList(), older, newest,
                q.before() == null, emptyText(q)));
        ctx.render("events.jte", model);
    }

    private EventFilterView filters(EventLogQuery q, Map<String, String> zoneNames) {
        List<Option> zoneOptions = new ArrayList<>();
        zoneNames.forEach((id, name) -> zoneOptions.add(new Option(id, name)));
        if (q.zoneId() != null && !zoneNames.containsKey(q.zoneText())) {
            zoneOptions.add(new Option(q.zoneText(), "zone " + q.zoneText() + " (no longer exists)"));
        }
        List<String> kinds = new ArrayList<>(events.kinds());
        if (!q.kind().isEmpty() && !kinds.contains(q.kind())) {
            kinds.add(q.kind());
        }
        return new EventFilterView(zoneOptions, kinds.stream().map(k -> new Option(k, k)).toList(),
                q.zoneId() == null ? "" : q.zoneText(), q.agentId(), q.kind(), q.errors());
    }

    private static EventRow row(Event e, Map<String, String> zoneNames) {
        String zoneName = e.zoneId() == null ? null : zoneNames.get(Long.toString(e.zoneId()));
        Long zoneId = zoneName == null ? null : e.zoneId();
        String zoneShown = e.zoneId() == null ? "—" : zoneName == null ? "zone " + e.zoneId() : zoneName;
        String agentHref = e.agentId() == null ? null
                : "/agents/" + URLEncoder.encode(e.agentId(), StandardCharsets.UTF_8).replace("+", "%20");
        return new EventRow(e.id(), TIME.format(e.at()), e.at().truncatedTo(ChronoUnit.SECONDS).toString(), zoneId,
                zoneShown, e.agentId(), agentHref, e.kind(), e.actor(), e.reason());
    }

    private static String emptyText(EventLogQuery q) {
        if (q.before() != null) {
            return "No older events" + (q.zoneId() != null || q.agentFilter() != null || q.kindFilter() != null
                    ? " match these filters." : ".");
        }
        if (q.zoneId() != null || q.agentFilter() != null || q.kindFilter() != null) {
            return "No events match these filters — choose another zone, agent or kind, or clear the filters.";
        }
        return "No events yet — they appear when you change settings or the engine acts.";
    }
}
