package org.skyhold.domain.provider;

import java.util.Optional;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.VmProviderConfig;

/**
 * Turns stored configs into working providers: the one registry of provider kinds, wired in the app. Returns the
 * same client for the same config until its settings change (compare {@code updatedAt}).
 */
public interface ProviderFactory {
    /**
     * The provider for this config.
     *
     * @throws ProviderException ({@code BAD_CONFIG}) when the kind is not available in this build
     */
    VmProvider vm(VmProviderConfig config);

    /** The DNS provider for this config; same contract as {@link #vm}. */
    DnsProvider dns(DnsProviderConfig config);

    /**
     * Why VM providers of this kind id can never be built here (the sentence for the zone's plan), or empty when
     * this build has the kind. A stored provider of such a kind is kept but never provisioned from.
     */
    default Optional<String> unavailableVmKind(String kindId) {
        return Optional.empty();
    }
}
