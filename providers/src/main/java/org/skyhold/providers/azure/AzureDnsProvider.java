package org.skyhold.providers.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.dns.DnsZoneManager;
import com.azure.resourcemanager.dns.fluent.DnsManagementClient;
import com.azure.resourcemanager.dns.fluent.models.RecordSetInner;
import com.azure.resourcemanager.dns.fluent.models.ZoneInner;
import com.azure.resourcemanager.dns.models.ARecord;
import com.azure.resourcemanager.dns.models.RecordType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/**
 * The {@code azure} DNS kind: agents' A records in the Azure DNS zone of the resource group that is the longest
 * suffix of the name. An upsert PUTs the name's A record set with one record, so it is idempotent; deleting a
 * missing record set is success (Azure answers 204 either way). The SDK's retries are off.
 */
public final class AzureDnsProvider implements DnsProvider, AutoCloseable {
    static final String DNS = "Azure DNS";

    private final AzureClients clients;
    private final DnsManagementClient dns;
    private final String group;

    /** Builds the clients; no network call. */
    AzureDnsProvider(AzureDnsSettings settings) {
        this.clients = new AzureClients(settings.account());
        this.dns = DnsZoneManager.authenticate(clients.pipeline, clients.profile).serviceClient();
        this.group = settings.account().resourceGroup();
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        String fqdn = normal(name);
        String zone = holding(fqdn);
        RecordSetInner set = new RecordSetInner().withTtl((long) ttl).withARecords(List.of(new ARecord()
                .withIpv4Address(ip)));
        AzureErrors.call(DNS, () -> dns.getRecordSets().createOrUpdateWithResponse(group, zone, relative(fqdn, zone),
                RecordType.A, set, null, null, Context.NONE));
    }

    @Override
    public void deleteA(String name) {
        String fqdn = normal(name);
        Optional<String> zone = zone(fqdn);
        if (zone.isEmpty()) {
            return; // no zone holds the name, so neither does a record
        }
        try {
            dns.getRecordSets().deleteWithResponse(group, zone.get(), relative(fqdn, zone.get()), RecordType.A, null,
                    Context.NONE);
        } catch (RuntimeException e) {
            if (!AzureErrors.isNotFound(e)) {
                throw AzureErrors.of(e, DNS);
            }
        }
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        String base = normal(baseDomain);
        List<DnsRecord> out = new ArrayList<>();
        for (String zone : zones()) {
            if (!(base.equals(zone) || base.endsWith("." + zone) || zone.endsWith("." + base))) {
                continue;
            }
            AzureErrors.call(DNS, () -> {
                for (RecordSetInner r : dns.getRecordSets().listByType(group, zone, RecordType.A)) {
                    String fqdn = r.name().equals("@") ? zone : r.name() + "." + zone;
                    if ((fqdn.equals(base) || fqdn.endsWith("." + base)) && r.aRecords() != null) {
                        r.aRecords().forEach(a -> out.add(new DnsRecord(fqdn, a.ipv4Address(),
                                r.ttl() == null ? 0 : r.ttl().intValue())));
                    }
                }
                return out;
            });
        }
        return out;
    }

    @Override
    public String testConnection() {
        List<String> zones = zones();
        if (zones.isEmpty()) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "resource group " + group
                    + " has no DNS zone");
        }
        return "Connected to Azure DNS: resource group " + group + " holds " + String.join(", ", zones) + ".";
    }

    @Override
    public void close() {
        clients.close();
    }

    private String holding(String fqdn) {
        return zone(fqdn).orElseThrow(() -> new ProviderException(ProviderErrorClass.BAD_CONFIG, "no DNS zone in "
                + "resource group " + group + " holds " + fqdn + " (zones: " + String.join(", ", zones()) + ")"));
    }

    /** The longest zone name that is the name or a suffix of it. */
    private Optional<String> zone(String fqdn) {
        return zones().stream().filter(z -> fqdn.equals(z) || fqdn.endsWith("." + z))
                .max(Comparator.comparingInt(String::length));
    }

    private List<String> zones() {
        return AzureErrors.call(DNS, () -> dns.getZones().listByResourceGroup(group).stream().map(ZoneInner::name)
                .map(AzureDnsProvider::normal).toList());
    }

    private static String relative(String fqdn, String zone) {
        return fqdn.equals(zone) ? "@" : fqdn.substring(0, fqdn.length() - zone.length() - 1);
    }

    static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
