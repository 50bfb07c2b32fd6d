package org.skyhold.providers.rfc2136;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Which zone of the server holds a domain: the configured zone, or else the owner of the SOA record that the server
 * gives for an SOA query on the domain (in the answer when the domain is the zone's apex, in the authority section
 * when it lies below). Found once per domain and kept, since zones do not move while a provider lives.
 */
final class ZoneLocator {
    private final Rfc2136Client client;
    private final Map<Name, Name> found = new ConcurrentHashMap<>();

    ZoneLocator(Rfc2136Client client) {
        this.client = client;
    }

    /** The zone holding {@code domain}; asks the server only when no zone is configured and it is not known yet. */
    Name zoneOf(Name domain) {
        Name configured = client.settings().zone();
        if (configured != null) {
            return configured;
        }
        Name zone = found.get(domain);
        if (zone == null) {
            zone = ask(domain);
            found.put(domain, zone);
        }
        return zone;
    }

    /** The SOA record of {@code domain}'s zone, asked of the server now (not from what was found before). */
    Record soa(Name domain) {
        String what = "asking for the SOA of " + domain.toString(true);
        Message query = Message.newQuery(Record.newRecord(domain, Type.SOA, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message answer = client.send(query, what, Rcode.NOERROR, Rcode.NXDOMAIN);
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record r : answer.getSection(section)) {
                if (r.getType() == Type.SOA && domain.subdomain(r.getName())) {
                    return r;
                }
            }
        }
        throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the DNS server " + client.settings().serverLabel()
                + " gave no SOA record when " + what + ": it is not authoritative for that domain; point the server at"
                + " the zone's primary or set the zone");
    }

    private Name ask(Name domain) {
        return soa(domain).getName();
    }
}
