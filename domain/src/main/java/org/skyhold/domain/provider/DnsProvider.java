package org.skyhold.domain.provider;

import java.util.List;
import org.skyhold.domain.model.ProviderErrorClass;

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

    /**
     * Checks the credentials and the zone without changing any record. The default says the kind has no such check.
     *
     * @return a sentence for the operator on success
     * @throws ProviderException naming what is wrong
     */
    default String testConnection() {
        throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "this kind of DNS provider has no connection test");
    }
}
