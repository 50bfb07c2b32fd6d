package org.skyhold.domain.model;

import java.util.Map;

/** What an operator sets on a DNS provider: its kind, endpoint override, fields and secrets by wire name. */
public record DnsProviderSettings(
        String name, DnsProviderKind kind, String endpointOverride, Map<String, String> fields,
        Map<String, Secret> secrets) {

    public DnsProviderSettings {
        fields = Map.copyOf(fields);
        secrets = Map.copyOf(secrets);
    }
}
