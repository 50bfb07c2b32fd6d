package org.skyhold.providers.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The {@code route53} DNS kind: agents' A records in the hosted zone that holds the zone's base domain (see
 * {@link HostedZones}). A delete sends the record exactly as Route 53 holds it, as Route 53 requires, and a
 * record that is already gone is success.
 */
public final class Route53DnsProvider implements DnsProvider, AutoCloseable {
    private static final int PAGE = 300;

    private final Route53Client route53;
    private final HostedZones zones;

    /** @throws org.skyhold.domain.provider.ProviderException ({@code BAD_CONFIG}) when the settings cannot be read */
    public Route53DnsProvider(AwsClients clients, KindSettings settings) {
        this(clients.route53(readable(settings)));
    }

    private static AwsAccess readable(KindSettings settings) {
        try {
            return AwsAccess.route53(settings);
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
    }

    Route53DnsProvider(Route53Client route53) {
        this.route53 = route53;
        this.zones = new HostedZones(route53);
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        String n = Names.normal(name);
        change(n, ChangeAction.UPSERT, ResourceRecordSet.builder().name(n).type(RRType.A).ttl((long) ttl)
                .resourceRecords(ResourceRecord.builder().value(ip).build()).build());
    }

    @Override
    public void deleteA(String name) {
        String n = Names.normal(name);
        Optional<ResourceRecordSet> current = current(n);
        if (current.isEmpty()) {
            return;
        }
        try {
            change(n, ChangeAction.DELETE, current.get());
        } catch (ProviderException e) {
            if (!(e.getCause() instanceof AwsServiceException s && "InvalidChangeBatch".equals(AwsErrors.code(s))
                    && String.valueOf(s.awsErrorDetails().errorMessage()).contains("not found"))) {
                throw e;
            }
            // deleted by someone else between our look and our delete
        }
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        String base = Names.normal(baseDomain);
        HostedZones.Zone zone = zones.zoneFor(base);
        List<DnsRecord> out = new ArrayList<>();
        String startName = base;
        String startType = null;
        while (startName != null) {
            ListResourceRecordSetsResponse page = list(zone, startName, startType, PAGE);
            for (ResourceRecordSet r : page.resourceRecordSets()) {
                String name = Names.normal(r.name());
                if (!Names.atOrBelow(name, base)) {
                    return out; // listed in name order: everything after is outside the base domain
                }
                if (r.type() == RRType.A && !r.resourceRecords().isEmpty()) {
                    out.add(new DnsRecord(name, r.resourceRecords().get(0).value(),
                            r.ttl() == null ? 0 : r.ttl().intValue()));
                }
            }
            boolean more = Boolean.TRUE.equals(page.isTruncated());
            startName = more ? page.nextRecordName() : null;
            startType = more ? page.nextRecordTypeAsString() : null;
        }
        return out;
    }

    @Override
    public void close() {
        route53.close();
    }

    /** The A record named {@code name} as Route 53 holds it, if there is one. */
    private Optional<ResourceRecordSet> current(String name) {
        HostedZones.Zone zone = zones.zoneFor(parentOf(name));
        return list(zone, name, RRType.A.toString(), 1).resourceRecordSets().stream()
                .filter(r -> r.type() == RRType.A && Names.normal(r.name()).equals(name)).findFirst();
    }

    private ListResourceRecordSetsResponse list(HostedZones.Zone zone, String name, String type, int max) {
        try {
            return route53.listResourceRecordSets(r -> r.hostedZoneId(zone.id()).startRecordName(name)
                    .startRecordType(type).maxItems(Integer.toString(max)));
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    private void change(String name, ChangeAction action, ResourceRecordSet record) {
        HostedZones.Zone zone = zones.zoneFor(parentOf(name));
        try {
            route53.changeResourceRecordSets(r -> r.hostedZoneId(zone.id()).changeBatch(b -> b
                    .comment("Skyhold agent " + name).changes(c -> c.action(action).resourceRecordSet(record))));
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    private ProviderException failed(SdkException e) {
        if (e instanceof AwsServiceException s && "NoSuchHostedZone".equals(AwsErrors.code(s))) {
            zones.forget();
        }
        return AwsErrors.of(e, "Route 53");
    }

    /** An agent's record lives in the zone of its parent domain (the base domain); a bare label in its own. */
    private static String parentOf(String name) {
        String parent = Names.parent(name);
        return parent == null ? name : parent;
    }
}
