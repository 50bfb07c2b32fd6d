package org.skyhold.providers.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;

/**
 * Finds the hosted zone that holds a domain: the longest hosted-zone name the domain ends with, looked up by
 * {@code ListHostedZonesByName} for the domain and then each parent in turn. When a public and a private zone
 * share that name the public one is taken (agents are registered on their public address when they have one).
 * Zone ids are kept bare, without {@code /hostedzone/}. A found zone is remembered until {@link #forget}.
 */
final class HostedZones {
    /** A hosted zone: bare id, and name without the trailing dot. */
    record Zone(String id, String name, boolean privateZone) {
    }

    private final Route53Client route53;
    private final Map<String, Zone> byDomain = new ConcurrentHashMap<>();

    HostedZones(Route53Client route53) {
        this.route53 = route53;
    }

    /** The zone that holds {@code domain} (fully qualified, no trailing dot). */
    Zone zoneFor(String domain) {
        String d = Names.normal(domain);
        Zone known = byDomain.get(d);
        if (known != null) {
            return known;
        }
        for (String candidate = d; candidate != null; candidate = Names.parent(candidate)) {
            Optional<Zone> zone = named(candidate);
            if (zone.isPresent()) {
                byDomain.put(d, zone.get());
                return zone.get();
            }
        }
        throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "no Route 53 hosted zone holds " + d
                + "; create one for it (or a parent domain) in this account");
    }

    /** Forgets what was found, after Route 53 said a remembered zone no longer exists. */
    void forget() {
        byDomain.clear();
    }

    /** The hosted zones named exactly {@code name}, public first; paged in case many share the name. */
    private Optional<Zone> named(String name) {
        List<Zone> found = new ArrayList<>();
        String dnsName = name;
        String fromId = null;
        while (true) {
            String startName = dnsName;
            String startId = fromId;
            ListHostedZonesByNameResponse page;
            try {
                page = route53.listHostedZonesByName(r -> r.dnsName(startName).hostedZoneId(startId).maxItems("100"));
            } catch (SdkException e) {
                throw AwsErrors.of(e, "Route 53");
            }
            boolean past = false;
            for (HostedZone z : page.hostedZones()) {
                if (Names.normal(z.name()).equals(name)) {
                    found.add(new Zone(bare(z.id()), name, z.config() != null
                            && Boolean.TRUE.equals(z.config().privateZone())));
                } else {
                    past = true; // listed in name order: the zones after this one have other names
                    break;
                }
            }
            if (past || !Boolean.TRUE.equals(page.isTruncated()) || page.nextDNSName() == null) {
                break;
            }
            dnsName = page.nextDNSName();
            fromId = page.nextHostedZoneId();
        }
        return found.stream().min(Comparator.comparing(Zone::privateZone).thenComparing(Zone::id));
    }

    /** A zone id without the {@code /hostedzone/} prefix Route 53 writes in some answers. */
    static String bare(String id) {
        int slash = id.lastIndexOf('/');
        return slash >= 0 ? id.substring(slash + 1) : id;
    }
}
