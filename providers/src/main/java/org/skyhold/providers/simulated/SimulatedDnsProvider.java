package org.skyhold.providers.simulated;

import java.util.List;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;

/** The {@code simulated} DNS kind: A records kept in the simulated cloud's memory. */
public final class SimulatedDnsProvider implements DnsProvider {
    private final SimulatedCloud cloud;

    public SimulatedDnsProvider(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        cloud.upsert(new DnsRecord(name, ip, ttl));
    }

    @Override
    public void deleteA(String name) {
        cloud.deleteRecord(name);
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        return cloud.records().stream()
                .filter(r -> r.name().equals(baseDomain) || r.name().endsWith("." + baseDomain)).toList();
    }
}
