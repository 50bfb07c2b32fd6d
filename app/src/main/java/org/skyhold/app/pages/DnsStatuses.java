package org.skyhold.app.pages;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.EventRepository;
import org.skyhold.web.view.ProviderStatus;

/**
 * A zone's DNS provider as the engine last used it, from the zone's newest DNS events: the provider's own words
 * when its last call failed (an authentication error names the key) until a later call succeeds, else what it last
 * did. Four reads of the zone's newest event of one kind.
 */
final class DnsStatuses {
    private static final String ERROR = "dns.error";
    private static final List<String> SUCCESSES = List.of("dns.registered", "dns.deleted", "sweeper.dns_deleted");
    private static final Comparator<Event> NEWEST = Comparator.comparing(Event::at).thenComparingLong(Event::id);

    private DnsStatuses() {
    }

    /** The status line, or empty when the zone registers no DNS names. */
    static Optional<ProviderStatus> of(long zoneId, ZoneSettings zone, DnsProviderConfigRepository providers,
                                       EventRepository events) {
        if (!zone.registerDns() || zone.dnsProviderId() == null) {
            return Optional.empty();
        }
        Optional<DnsProviderConfig> provider = providers.find(zone.dnsProviderId());
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        DnsProviderConfig p = provider.get();
        String name = "DNS provider " + p.name();
        String href = "/dns-providers/" + p.id();
        Optional<Event> error = newest(zoneId, events, ERROR);
        Optional<Event> success = SUCCESSES.stream().map(kind -> newest(zoneId, events, kind))
                .flatMap(Optional::stream).max(NEWEST);
        if (error.isPresent() && (success.isEmpty() || NEWEST.compare(error.get(), success.get()) > 0)) {
            Event e = error.get();
            return Optional.of(new ProviderStatus(name, href, "error: " + e.reason() + " ("
                    + ProviderStatuses.time(e.at()) + ")", "error"));
        }
        return Optional.of(success.map(e -> new ProviderStatus(name, href, "ok: " + e.reason() + " ("
                        + ProviderStatuses.time(e.at()) + ")", "ok"))
                .orElse(new ProviderStatus(name, href, "no name registered yet", "ok")));
    }

    private static Optional<Event> newest(long zoneId, EventRepository events, String kind) {
        return events.list(zoneId, null, kind, null, 1).stream().findFirst();
    }
}
