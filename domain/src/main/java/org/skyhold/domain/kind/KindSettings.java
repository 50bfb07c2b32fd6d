package org.skyhold.domain.kind;

import java.util.Map;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderSettings;

/**
 * What a kind reads to build a provider: its own non-secret fields, its secrets by field name, and the
 * provider's endpoint override (null: the cloud's public endpoint). The common fields (name, priority, caps,
 * startup script) are the engine's, not the kind's.
 */
public record KindSettings(ProviderFields fields, Map<String, Secret> secrets, String endpointOverride) {
    public KindSettings {
        fields = fields == null ? ProviderFields.EMPTY : fields;
        secrets = Map.copyOf(secrets);
    }

    /** What a VM provider's kind reads of its stored settings. */
    public static KindSettings of(VmProviderSettings s) {
        return new KindSettings(s.fields(), s.secrets(), s.endpointOverride());
    }

    /** What a DNS provider's kind reads of its stored settings. */
    public static KindSettings of(DnsProviderSettings s) {
        return new KindSettings(s.fields(), s.secrets(), s.endpointOverride());
    }

    /** The endpoint override, trimmed, or null when unset or blank. */
    public String endpoint() {
        return endpointOverride == null || endpointOverride.isBlank() ? null : endpointOverride.trim();
    }

    /** A secret's plain text, or null when it is not set. */
    public String secret(FieldSpec spec) {
        Secret s = secrets.get(spec.name());
        return s == null || s.isEmpty() ? null : s.reveal();
    }

    /** A secret's plain text; refused with "is required" naming the field when unset. */
    public String requiredSecret(FieldSpec spec) {
        String v = secret(spec);
        if (v == null) {
            throw new InvalidFieldException(spec.name(), "is required");
        }
        return v;
    }
}
