package org.skyhold.domain.model;

import java.util.Map;
import org.skyhold.domain.kind.ProviderFields;

/**
 * What an operator sets on a DNS provider: the id of its {@link org.skyhold.domain.kind.DnsProviderKind} (a stored
 * row may name a kind this build does not have), endpoint override, fields and secrets by wire name.
 */
public record DnsProviderSettings(
        String name, String kind, String endpointOverride, ProviderFields fields,
        Map<String, Secret> secrets) {

    public DnsProviderSettings {
        fields = fields == null ? ProviderFields.EMPTY : fields;
        secrets = Map.copyOf(secrets);
    }
}
