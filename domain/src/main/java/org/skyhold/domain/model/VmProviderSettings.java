package org.skyhold.domain.model;

import java.util.Map;

/**
 * What an operator sets on one VM provider of a zone. {@code fields} holds the kind's own non-secret fields by
 * their wire name (JSON-typed ones as JSON text); {@code secrets} the kind's secret fields. Both are checked
 * against the kind's field list before they are stored.
 */
public record VmProviderSettings(
        String name,
        VmProviderKind kind,
        boolean enabled,
        int priority,
        int maxInstances,
        String startupScript,
        String endpointOverride,
        boolean requireCheckin,
        Map<String, String> fields,
        Map<String, Secret> secrets) {

    public VmProviderSettings {
        fields = Map.copyOf(fields);
        secrets = Map.copyOf(secrets);
    }
}
