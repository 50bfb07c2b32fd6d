package org.skyhold.domain.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/**
 * A DNS zone in memory keeping the {@link DnsProvider} contract (an upsert replaces, a delete of a missing record is
 * success, {@code listA} lists at or below the base domain), which can be told to fail its next calls or all of
 * them. It counts every call, so a test can say whether the engine retried or wrote too often. Thread-safe.
 */
public final class FakeDnsProvider implements DnsProvider {
    private final Map<String, DnsRecord> records = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    private ProviderErrorClass failing;
    private int failuresLeft;

    /** A zone that answers every call. */
    public FakeDnsProvider() {
    }

    @Override
    public synchronized void upsertA(String name, String ip, int ttl) {
        call("upsert " + name + " " + ip);
        records.put(name, new DnsRecord(name, ip, ttl));
    }

    @Override
    public synchronized void deleteA(String name) {
        call("delete " + name);
        records.remove(name);
    }

    @Override
    public synchronized List<DnsRecord> listA(String baseDomain) {
        call("list " + baseDomain);
        return records.values().stream().filter(r -> r.name().equals(baseDomain)
                || r.name().endsWith("." + baseDomain)).toList();
    }

    @Override
    public String testConnection() {
        return "the fake DNS zone answers";
    }

    /** Every call fails with this class until {@link #recover()}. */
    public synchronized FakeDnsProvider failWith(ProviderErrorClass c) {
        failing = c;
        failuresLeft = Integer.MAX_VALUE;
        return this;
    }

    /** The next {@code n} calls fail with this class. */
    public synchronized FakeDnsProvider failNext(ProviderErrorClass c, int n) {
        failing = c;
        failuresLeft = n;
        return this;
    }

    public synchronized FakeDnsProvider recover() {
        failing = null;
        failuresLeft = 0;
        return this;
    }

    /** Puts a record in the zone that the engine did not write (another zone's, another installation's). */
    public synchronized FakeDnsProvider plant(String name, String ip) {
        records.put(name, new DnsRecord(name, ip, 60));
        return this;
    }

    /** The address of the record, or empty when there is none. */
    public synchronized Optional<String> ipOf(String name) {
        return Optional.ofNullable(records.get(name)).map(DnsRecord::ip);
    }

    /** Every record in the zone, by name. */
    public synchronized Map<String, String> records() {
        Map<String, String> m = new TreeMap<>();
        records.values().forEach(r -> m.put(r.name(), r.ip()));
        return m;
    }

    /** Every call in order, failed ones included, as "upsert name ip", "delete name" or "list domain". */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many calls started with this verb ("upsert", "delete", "list"). */
    public synchronized long count(String verb) {
        return calls.stream().filter(c -> c.startsWith(verb + " ")).count();
    }

    private void call(String what) {
        calls.add(what);
        if (failing != null && failuresLeft > 0) {
            failuresLeft--;
            ProviderErrorClass c = failing;
            if (failuresLeft == 0) {
                failing = null;
            }
            throw new ProviderException(c, "the fake DNS zone refused: " + what + " (" + c.wireName() + ")");
        }
    }
}
