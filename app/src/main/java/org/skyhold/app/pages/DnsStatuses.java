package org.skyhold.app.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsZoneStatus;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.EventRepository;
import org.skyhold.web.view.ProviderStatus;

/**
 * A zone's DNS provider as the engine last used it: the registrations' newest outcome and, while it fails, the
 * sweeper's, each in the provider's own words (an authentication error names the key), as {@link DnsZoneStatus}
 * decides. Six reads of the zone's newest event of one kind.
 */
final class DnsStatuses {
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
        List<Event> newest = new ArrayList<>();
        Stream.concat(DnsZoneStatus.AGENT_KINDS.stream(), DnsZoneStatus.SWEEPER_KINDS.stream())
                .forEach(kind -> events.list(zoneId, null, kind, null, 1).stream().findFirst().ifPresent(newest::add));
        DnsZoneStatus status = DnsZoneStatus.of(newest);
        List<String> clauses = status.shown().stream().map(part -> (part.failing() ? "error: " : "ok: ")
                + part.event().reason() + " (" + ProviderStatuses.time(part.event().at()) + ")").toList();
        return Optional.of(new ProviderStatus("DNS provider " + p.name(), "/dns-providers/" + p.id(),
                clauses.isEmpty() ? "no name registered yet" : String.join("; ", clauses),
                status.tone().name().toLowerCase(Locale.ROOT)));
    }
}
