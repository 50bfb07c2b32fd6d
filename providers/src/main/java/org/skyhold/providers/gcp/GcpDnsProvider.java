package org.skyhold.providers.gcp;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.dns.Dns;
import com.google.api.services.dns.model.Change;
import com.google.api.services.dns.model.ResourceRecordSet;
import com.google.api.services.dns.model.ResourceRecordSetsListResponse;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;

/**
 * The {@code gcp} DNS kind: agents' A records in a Cloud DNS managed zone of the project (see {@link GcpDnsZones}
 * for which). Cloud DNS changes record sets whole: an upsert reads the name's A set and sends one change that
 * deletes it (exactly as it is, or Cloud DNS refuses) and adds the new one; a delete of a missing set is success.
 * The client is not retried beyond one token refresh on 401.
 */
public final class GcpDnsProvider implements DnsProvider {
    private static final String A = "A";

    private final Dns dns;
    private final String project;
    private final GcpDnsZones zones;

    /** Builds the client; no network call. */
    GcpDnsProvider(GcpDnsSettings settings) {
        HttpCredentialsAdapter credentials = new HttpCredentialsAdapter(settings.credentials());
        HttpRequestInitializer init = request -> {
            credentials.initialize(request);
            request.setConnectTimeout(10_000);
            request.setReadTimeout(30_000);
        };
        Dns.Builder b = new Dns.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), init)
                .setApplicationName("skyhold");
        if (settings.rootUrl() != null) {
            b.setRootUrl(settings.rootUrl());
        }
        this.dns = b.build();
        this.project = settings.project();
        this.zones = new GcpDnsZones(dns, project);
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        String fqdn = GcpDnsZones.normal(name);
        GcpDnsZones.Zone zone = zones.holding(fqdn);
        ResourceRecordSet wanted = new ResourceRecordSet().setName(fqdn + ".").setType(A).setTtl(ttl)
                .setRrdatas(List.of(ip));
        ResourceRecordSet now = current(zone, fqdn);
        if (now != null && now.getTtl() != null && now.getTtl() == ttl && List.of(ip).equals(now.getRrdatas())) {
            return; // already so
        }
        change(zone, new Change().setAdditions(List.of(wanted)).setDeletions(now == null ? null : List.of(now)));
    }

    @Override
    public void deleteA(String name) {
        String fqdn = GcpDnsZones.normal(name);
        GcpDnsZones.Zone zone = zones.holding(fqdn);
        ResourceRecordSet now = current(zone, fqdn);
        if (now != null) {
            change(zone, new Change().setDeletions(List.of(now)));
        }
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        String base = GcpDnsZones.normal(baseDomain);
        GcpDnsZones.Zone zone = zones.holding(base);
        List<DnsRecord> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ResourceRecordSetsListResponse page = call(zone, () -> dns.resourceRecordSets().list(project, zone.id())
                    .setPageToken(t).execute());
            if (page.getRrsets() != null) {
                for (ResourceRecordSet r : page.getRrsets()) {
                    String n = GcpDnsZones.normal(r.getName());
                    if (A.equals(r.getType()) && GcpDnsZones.isWithin(n, base) && r.getRrdatas() != null) {
                        r.getRrdatas().forEach(ip -> out.add(new DnsRecord(n, ip, r.getTtl() == null ? 0
                                : r.getTtl())));
                    }
                }
            }
            token = page.getNextPageToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    @Override
    public String testConnection() {
        int[] count = {0};
        call(null, () -> {
            var page = dns.managedZones().list(project).execute();
            count[0] = page.getManagedZones() == null ? 0 : page.getManagedZones().size();
            return page;
        });
        return "Connected to Cloud DNS: project " + project + " has " + count[0] + " managed zone"
                + (count[0] == 1 ? "" : "s") + (count[0] == 0 ? " (agents' names need one)" : "") + ".";
    }

    private ResourceRecordSet current(GcpDnsZones.Zone zone, String fqdn) {
        ResourceRecordSetsListResponse r = call(zone, () -> dns.resourceRecordSets().list(project, zone.id())
                .setName(fqdn + ".").setType(A).execute());
        return r.getRrsets() == null || r.getRrsets().isEmpty() ? null : r.getRrsets().get(0);
    }

    private void change(GcpDnsZones.Zone zone, Change change) {
        call(zone, () -> dns.changes().create(project, zone.id(), change).execute());
    }

    /** One Cloud DNS call; a 404 makes the zone be looked up again next time. */
    private <T> T call(GcpDnsZones.Zone zone, DnsCall<T> call) {
        try {
            return call.run();
        } catch (GoogleJsonResponseException e) {
            if (zone != null && GcpErrors.isNotFound(e)) {
                zones.forget(zone);
            }
            throw GcpErrors.of(e);
        } catch (IOException e) {
            throw GcpErrors.of(e);
        }
    }

    @FunctionalInterface
    private interface DnsCall<T> {
        T run() throws IOException;
    }
}
