package org.skyhold.domain.model;

import java.util.Map;

/**
 * What an operator sets on one VM provider of a zone. {@code fields} holds the kind's own non-secret fields by
 * their wire name (JSON-typed ones as JSON text); {@code secrets} the kind's secret fields. Both are checked
 * against the kind's field list before they are stored. {@code maxConcurrentCalls} is the most create and delete
 * calls the engine has in flight to this provider at once (it goes lower while the cloud throttles).
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
        Map<String, Secret> secrets,
        int maxConcurrentCalls) {

    /** The most calls to the cloud in flight at once when the operator does not say. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 10;

    public VmProviderSettings {
        fields = Map.copyOf(fields);
        secrets = Map.copyOf(secrets);
    }
}
