package org.skyhold.domain.provider;

import java.util.List;
import org.skyhold.domain.model.ProviderErrorClass;

/**
 * The DNS zone that holds agents' names.
 *
 * <p><b>Never wait on the service.</b> Every method makes a bounded number of requests and returns once they are
 * answered; a change is accepted, not awaited until it has propagated to every name server. Every method blocks
 * the calling thread for its requests only (the engine wraps every provider with a call timeout) and throws
 * {@link ProviderException} with a classified error when it fails; none retries a refused request on its own
 * beyond a short transport-level retry. Thread-safe.
 */
public interface DnsProvider {
    /**
     * Creates or replaces the A record {@code name} (fully qualified, no trailing dot). Blocking (one change
     * request, plus the lookups it needs). Idempotent: the same record twice is one record.
     */
    void upsertA(String name, String ip, int ttl);

    /** Deletes the A record {@code name}. Blocking (one change request). Idempotent: a missing record is success. */
    void deleteA(String name);

    /**
     * Every A record at or below {@code baseDomain}, for the sweeper. Blocking (one request per page),
     * read-only.
     */
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
