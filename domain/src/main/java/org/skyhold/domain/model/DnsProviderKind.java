package org.skyhold.domain.model;

/** The DNS services that can hold agent names; {@code SIMULATED} keeps its records in memory. */
public enum DnsProviderKind implements WireEnum {
    ROUTE53, DIGITALOCEAN, OCI, GCP, AZURE, RFC2136, SIMULATED;
}
