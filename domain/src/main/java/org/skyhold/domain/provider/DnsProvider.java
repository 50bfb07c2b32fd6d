package org.skyhold.domain.provider;

import java.util.List;

/**
 * The DNS zone that holds agents' names. Every method blocks on the DNS service and throws
 * {@link ProviderException} when it fails. Thread-safe.
 */
public interface DnsProvider {
    /** Creates or replaces the A record {@code name} (fully qualified, no trailing dot). Idempotent. */
    void upsertA(String name, String ip, int ttl);

    /** Deletes the A record {@code name}. Idempotent: a missing record is success. */
    void deleteA(String name);

    /** Every A record at or below {@code baseDomain}, for the sweeper. */
    List<DnsRecord> listA(String baseDomain);
}
