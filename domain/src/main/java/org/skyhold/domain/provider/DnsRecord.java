package org.skyhold.domain.provider;

/** An A record: fully qualified name (no trailing dot), address, TTL in seconds. */
public record DnsRecord(String name, String ip, int ttl) {
}
