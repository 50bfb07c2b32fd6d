package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.DnsStatus;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.DnsRecordRepository;
import org.skyhold.domain.port.EventRepository;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.port.VmProviderConfigRepository;
import org.skyhold.web.view.AgentEventLine;
import org.skyhold.web.view.AgentSessionRow;

/**
 * Gathers one agent's page: its facts, its lifecycle timeline (the {@code agent.*} events, oldest first), its
 * open sessions, its cloud tags and its latest events.
 */
final class AgentDetailModel {
    /** The events the page shows; the events page pages through the rest. */
    static final int EVENTS = 200;
    /** Lifecycle events the timeline shows from the first on; far more than an agent's life has, short of flapping. */
    static final int LIFECYCLE = 500;

    private final AgentRepository agents;
    private final SessionRepository sessions;
    private final VmProviderConfigRepository providers;
    private final EventRepository events;
    private final ImageRepository images;
    private final ZoneService zones;
    private final AgentTags tags;
    private final DnsRecordRepository dnsRecords;
    private final Clock clock;

    AgentDetailModel(AgentRepository agents, SessionRepository sessions, VmProviderConfigRepository providers,
                     EventRepository events, ImageRepository images, ZoneService zones, AgentTags tags, DnsRecordRepository dnsRecords,
                     Clock clock) {
        this.agents = agents;
        this.sessions = sessions;
        this.providers = providers;
        this.events = events;
        this.images = images;
        this.zones = zones;
        this.tags = tags;
        this.dnsRecords = dnsRecords;
        this.clock = clock;
    }

    /** The agent's page, or empty when no agent has that id. */
    Optional<Map<String, Object>> agent(Context ctx, String id) {
        Optional<Agent> found = agents.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Agent a = found.get();
        Instant now = clock.instant();
        VmProviderConfig provider = a.providerConfigId() == null ? null
                : providers.find(a.providerConfigId()).orElse(null);
        List<Session> open = sessions.listOpenByAgent(id);
        Map<Long, Zone> zone = new HashMap<>();
        zones.list().stream().filter(z -> z.id() == a.zoneId()).findFirst().ifPresent(z -> zone.put(z.id(), z));
        AgentRows words = new AgentRows(zone, provider == null ? Map.of() : Map.of(provider.id(), provider),
                Map.of(id, open.size()), now, tags.labels());
        List<AgentEventLine> latest = events.list(null, id, null, null, EVENTS).stream()
                .map(e -> line(e, now)).toList();
        // read on its own, not filtered from the latest events: a busy agent's sessions would push its creation out
        List<AgentEventLine> timeline = events.lifecycle(id, LIFECYCLE + 1).stream().map(e -> line(e, now)).toList();

        Map<String, Object> model = new HashMap<>();
        model.put("page", AgentNotice.context(ctx, "Agent " + id, agents, sessions));
        model.put("agent", words.row(a));
        model.put("timeline", timeline.subList(0, Math.min(timeline.size(), LIFECYCLE)));
        model.put("timelineTruncated", timeline.size() > LIFECYCLE ? "The first " + LIFECYCLE + " lifecycle events "
                + "are shown; the events page lists the later ones." : null);
        model.put("sessions", sessionRows(open));
        model.put("tags", tags.of(a, provider));
        model.put("events", latest);
        model.put("back", AgentNotice.here(ctx));
        DnsStatus dns = dnsRecords.statusOf(List.of(id)).getOrDefault(id, DnsStatus.NONE);
        model.put("dnsState", a.dnsName() == null && dns.equals(DnsStatus.NONE) ? "none (no DNS name)"
                : dns.error() == null ? dns.summary() : dns.summary() + " (since " + Durations.iso(dns.errorAt()) + ")");
        model.put("dnsFailing", dns.error() != null);
        return Optional.of(model);
    }

    private List<AgentSessionRow> sessionRows(List<Session> open) {
        Map<Long, String> imageNames = new HashMap<>();
        if (!open.isEmpty()) {
            images.list().forEach((Image i) -> imageNames.put(i.id(), i.name()));
        }
        return open.stream().map(s -> new AgentSessionRow(s.id(), s.kind().wireName(), s.state().wireName(),
                s.userName() == null ? "—" : s.userName(),
                s.imageId() == null ? "deleted image" : imageNames.getOrDefault(s.imageId(), "image " + s.imageId()),
                s.reservation().cores() + " cores · " + s.reservation().gpus() + " GPUs · "
                        + s.reservation().memoryMb() + " MB",
                Durations.iso(s.createdAt()), Durations.iso(s.claimedAt()), Durations.iso(s.expiresAt()))).toList();
    }

    private static AgentEventLine line(Event e, Instant now) {
        // no actor column: the engine records its events as "system" and names the operator in the reason
        return new AgentEventLine(Durations.iso(e.at()), Durations.ago(e.at(), now, "—"), e.kind(), e.reason());
    }
}
