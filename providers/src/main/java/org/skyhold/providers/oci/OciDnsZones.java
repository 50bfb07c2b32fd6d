package org.skyhold.providers.oci;

import com.oracle.bmc.dns.DnsClient;
import com.oracle.bmc.dns.model.ZoneSummary;
import com.oracle.bmc.dns.requests.ListZonesRequest;
import com.oracle.bmc.dns.responses.ListZonesResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Finds the OCI DNS zone that holds a name: of the compartment's primary zones, the one whose name is the longest
 * suffix of it ({@code agents.example.com} goes to the zone {@code agents.example.com} when there is one, else to
 * {@code example.com}). Found zones are remembered by domain for the life of the provider; {@link #forget} drops
 * one whose calls say it is gone.
 */
final class OciDnsZones {
    /** A zone by id and name. */
    record Zone(String id, String name) {
    }

    private final DnsClient dns;
    private final OciDnsSettings settings;
    private final OciErrors errors;
    private final Map<String, Zone> known = new ConcurrentHashMap<>();

    OciDnsZones(DnsClient dns, OciDnsSettings settings, OciErrors errors) {
        this.dns = dns;
        this.settings = settings;
        this.errors = errors;
    }

    /**
     * @throws ProviderException ({@code BAD_CONFIG}) when no zone of the compartment holds the name
     */
    Zone holding(String name) {
        String fqdn = normal(name);
        for (Zone z : known.values()) {
            if (isWithin(fqdn, z.name()) && known.keySet().stream().noneMatch(n -> n.length() > z.name().length()
                    && isWithin(fqdn, n))) {
                return z;
            }
        }
        Zone best = null;
        String page = null;
        do {
            String p = page;
            ListZonesResponse r = errors.call(OciDnsProvider.DNS, () -> dns.listZones(ListZonesRequest.builder()
                    .compartmentId(settings.compartment()).zoneType(ListZonesRequest.ZoneType.Primary)
                    .page(p).build()));
            for (ZoneSummary z : r.getItems()) {
                String zn = normal(z.getName());
                known.putIfAbsent(zn, new Zone(z.getId(), zn));
                if (isWithin(fqdn, zn) && (best == null || zn.length() > best.name().length())) {
                    best = new Zone(z.getId(), zn);
                }
            }
            page = r.getOpcNextPage();
        } while (page != null);
        if (best == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "no primary DNS zone in compartment "
                    + settings.compartment() + " holds " + fqdn);
        }
        return best;
    }

    void forget(Zone zone) {
        known.remove(zone.name());
    }

    static boolean isWithin(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }

    static String normal(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
