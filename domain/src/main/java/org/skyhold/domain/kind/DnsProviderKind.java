package org.skyhold.domain.kind;

import java.util.List;
import java.util.Map;
import org.skyhold.domain.provider.DnsProvider;

/**
 * One DNS service's provider kind, described once in its own package under {@code providers}; the twin of
 * {@link VmProviderKind}. Implementations are immutable and thread-safe.
 */
public interface DnsProviderKind {
    /** The wire id stored with each DNS provider ({@code route53}, {@code rfc2136}); never changes. */
    String id();

    /** The service's product name for pages ("Amazon Route 53"). */
    String displayName();

    /** The kind's own fields in page order (name and endpoint override are common and not listed here). */
    List<FieldSpec> fields();

    /** A new provider's values of the kind's fields before the operator's input, as raw text; usually empty. */
    default Map<String, String> defaults() {
        return Map.of();
    }

    /**
     * Whether the common {@code endpoint_override} field means anything to this kind (an RFC 2136 server is its
     * own endpoint, so that kind says false and the field is not offered).
     */
    default boolean usesEndpointOverride() {
        return true;
    }

    /**
     * Reads the settings with the kind's typed reader, as {@link #create} does; runs on every save. No network.
     *
     * @throws InvalidFieldException naming the field at fault
     */
    void validate(KindSettings settings);

    /**
     * Builds a DNS provider for these settings; cheap, no network call. Closed by the registry when it is
     * {@link AutoCloseable} and the settings change.
     *
     * @throws org.skyhold.domain.provider.ProviderException ({@code BAD_CONFIG}) when the settings cannot be read
     */
    DnsProvider create(KindSettings settings);
}
