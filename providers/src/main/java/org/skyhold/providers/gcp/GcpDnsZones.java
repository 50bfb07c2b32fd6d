package org.skyhold.providers.gcp;

import com.google.api.services.dns.Dns;
import com.google.api.services.dns.model.ManagedZone;
import com.google.api.services.dns.model.ManagedZonesListResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Finds the Cloud DNS managed zone that holds a name: of the project's zones, the one whose {@code dnsName} is the
 * longest suffix of it. Found zones are remembered by DNS name for the life of the provider; {@link #forget} drops
 * one whose calls say it is gone.
 */
final class GcpDnsZones {
    /** A managed zone by its resource name and its DNS name (lower case, no trailing dot). */
    record Zone(String id, String dnsName) {
    }

    private final Dns dns;
    private final String project;
    private final Map<String, Zone> known = new ConcurrentHashMap<>();

    GcpDnsZones(Dns dns, String project) {
        this.dns = dns;
        this.project = project;
    }

    /**
     * @throws ProviderException ({@code BAD_CONFIG}) when no managed zone of the project holds the name
     */
    Zone holding(String name) {
        String fqdn = normal(name);
        Zone best = longest(fqdn);
        if (best != null) {
            return best;
        }
        String token = null;
        do {
            ManagedZonesListResponse page;
            try {
                page = dns.managedZones().list(project).setPageToken(token).execute();
            } catch (IOException e) {
                throw GcpErrors.of(e);
            }
            if (page.getManagedZones() != null) {
                for (ManagedZone z : page.getManagedZones()) {
                    known.put(normal(z.getDnsName()), new Zone(z.getName(), normal(z.getDnsName())));
                }
            }
            token = page.getNextPageToken();
        } while (token != null && !token.isEmpty());
        best = longest(fqdn);
        if (best == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "no Cloud DNS managed zone of project "
                    + project + " holds " + fqdn);
        }
        return best;
    }

    void forget(Zone zone) {
        known.remove(zone.dnsName());
    }

    private Zone longest(String fqdn) {
        Zone best = null;
        for (Zone z : known.values()) {
            if (isWithin(fqdn, z.dnsName()) && (best == null || z.dnsName().length() > best.dnsName().length())) {
                best = z;
            }
        }
        return best;
    }

    static boolean isWithin(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }

    /** Lower case, without the trailing dot Cloud DNS writes. */
    static String normal(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
