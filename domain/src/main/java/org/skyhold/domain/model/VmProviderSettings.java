package org.skyhold.domain.model;

import java.util.Map;
import org.skyhold.domain.kind.ProviderFields;

/**
 * What an operator sets on one VM provider of a zone. {@code kind} is the id of a
 * {@link org.skyhold.domain.kind.VmProviderKind} (a stored row may name a kind this build does not have);
 * {@code fields} holds the kind's own non-secret fields, {@code secrets} its secret fields, by wire name. Both are
 * checked against the kind's field list before they are stored. {@code maxConcurrentCalls} is the most create and
 * delete calls the engine has in flight to this provider at once (it goes lower while the cloud throttles).
 */
public record VmProviderSettings(
        String name,
        String kind,
        boolean enabled,
        int priority,
        int maxInstances,
        String startupScript,
        String endpointOverride,
        boolean requireCheckin,
        ProviderFields fields,
        Map<String, Secret> secrets,
        int maxConcurrentCalls) {

    /** The most calls to the cloud in flight at once when the operator does not say. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 10;

    public VmProviderSettings {
        fields = fields == null ? ProviderFields.EMPTY : fields;
        secrets = Map.copyOf(secrets);
    }
}
