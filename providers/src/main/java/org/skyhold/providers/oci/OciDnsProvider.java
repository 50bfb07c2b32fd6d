package org.skyhold.providers.oci;

import com.oracle.bmc.dns.DnsClient;
import com.oracle.bmc.dns.model.Record;
import com.oracle.bmc.dns.model.RecordDetails;
import com.oracle.bmc.dns.model.UpdateRRSetDetails;
import com.oracle.bmc.dns.requests.DeleteRRSetRequest;
import com.oracle.bmc.dns.requests.GetZoneRecordsRequest;
import com.oracle.bmc.dns.requests.UpdateRRSetRequest;
import com.oracle.bmc.dns.responses.GetZoneRecordsResponse;
import com.oracle.bmc.model.BmcException;
import java.util.ArrayList;
import java.util.List;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;

/**
 * The {@code oci} DNS kind: agents' A records in an OCI DNS zone of the configured compartment (see
 * {@link OciDnsZones} for which). An upsert replaces the name's A record set with one record (UpdateRRSet), so it
 * is idempotent; a delete of a missing record set is success. One call per operation: the SDK's retries are off.
 */
public final class OciDnsProvider implements DnsProvider, AutoCloseable {
    static final String DNS = "OCI DNS";
    private static final String A = "A";

    private final DnsClient dns;
    private final OciDnsZones zones;
    private final OciErrors errors;

    /** Builds the client; no network call. */
    OciDnsProvider(OciDnsSettings settings) {
        RetryAfters retryAfters = new RetryAfters();
        this.errors = new OciErrors(retryAfters);
        this.dns = OciClients.build(DnsClient.builder(), OciClients.auth(settings.credentials()), settings.endpoint(),
                retryAfters);
        this.zones = new OciDnsZones(dns, settings, errors);
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        String fqdn = OciDnsZones.normal(name);
        OciDnsZones.Zone zone = zones.holding(fqdn);
        try {
            dns.updateRRSet(UpdateRRSetRequest.builder().zoneNameOrId(zone.id()).domain(fqdn).rtype(A)
                    .updateRRSetDetails(UpdateRRSetDetails.builder().items(List.of(RecordDetails.builder()
                            .domain(fqdn).rtype(A).rdata(ip).ttl(ttl).build())).build()).build());
        } catch (BmcException e) {
            if (OciErrors.isNotFound(e)) {
                zones.forget(zone);
            }
            throw errors.of(e, DNS);
        }
    }

    @Override
    public void deleteA(String name) {
        String fqdn = OciDnsZones.normal(name);
        OciDnsZones.Zone zone = zones.holding(fqdn);
        try {
            dns.deleteRRSet(DeleteRRSetRequest.builder().zoneNameOrId(zone.id()).domain(fqdn).rtype(A).build());
        } catch (BmcException e) {
            if (!OciErrors.isNotFound(e)) {
                throw errors.of(e, DNS);
            }
            zones.forget(zone); // the record set (or the zone) is gone: nothing to delete
        }
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        String base = OciDnsZones.normal(baseDomain);
        OciDnsZones.Zone zone = zones.holding(base);
        List<DnsRecord> out = new ArrayList<>();
        String page = null;
        do {
            String p = page;
            GetZoneRecordsResponse r = errors.call(DNS, () -> dns.getZoneRecords(GetZoneRecordsRequest.builder()
                    .zoneNameOrId(zone.id()).rtype(A).domainContains(base).page(p).build()));
            for (Record rec : r.getRecordCollection().getItems()) {
                String domain = OciDnsZones.normal(rec.getDomain());
                if (A.equals(rec.getRtype()) && OciDnsZones.isWithin(domain, base)) {
                    out.add(new DnsRecord(domain, rec.getRdata(), rec.getTtl() == null ? 0 : rec.getTtl()));
                }
            }
            page = r.getOpcNextPage();
        } while (page != null);
        return out;
    }

    @Override
    public void close() {
        dns.close();
    }
}
