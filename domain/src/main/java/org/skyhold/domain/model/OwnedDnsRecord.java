package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A DNS record Skyhold wrote (or is about to write) for one of its agents: the ownership registry the sweeper
 * trusts, so it never deletes a record another zone or installation wrote under the same domain. The row is written
 * before the cloud call, so a crash between the two leaves a row without a record (harmless), never the reverse.
 *
 * @param dnsProviderId the DNS provider config the record was written through
 * @param dnsZone the base domain the record lives under
 * @param name the record's fully qualified name (no trailing dot)
 * @param value the address the record holds, or will hold once the call succeeds
 * @param updatedAt when the row was last written (the engine's time)
 */
public record OwnedDnsRecord(long id, long dnsProviderId, String dnsZone, String name, String value, String agentId,
                             Instant updatedAt) {
}
