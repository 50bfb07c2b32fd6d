package org.skyhold.domain.provider;

import java.util.List;

/** The DNS twin of {@link GuardedVmProvider}: contained exceptions, a timeout and metrics on every call. */
public final class GuardedDnsProvider implements DnsProvider {
    private final DnsProvider inner;
    private final String name;
    private final String kind;
    private final ProviderCalls calls;

    public GuardedDnsProvider(DnsProvider inner, String name, String kind, ProviderCalls calls) {
        this.inner = inner;
        this.name = name;
        this.kind = kind;
        this.calls = calls;
    }

    @Override
    public void upsertA(String recordName, String ip, int ttl) {
        calls.run(name, kind, "upsert_a", () -> {
            inner.upsertA(recordName, ip, ttl);
            return null;
        });
    }

    @Override
    public void deleteA(String recordName) {
        calls.run(name, kind, "delete_a", () -> {
            inner.deleteA(recordName);
            return null;
        });
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        return calls.run(name, kind, "list_a", () -> inner.listA(baseDomain));
    }
}
