package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;

/**
 * Stores the VM providers of zones; secrets are sealed before they reach the database and opened on the way
 * back. Blocking; failures throw {@link RepositoryException}.
 */
public interface VmProviderConfigRepository {
    /** Stores a new provider of the zone and returns it with its id and a healthy state. */
    VmProviderConfig create(long zoneId, VmProviderSettings settings);

    /** The provider, or empty. */
    Optional<VmProviderConfig> find(long id);

    /** The zone's providers in priority order (lowest number first, then id). */
    List<VmProviderConfig> listByZone(long zoneId);

    /** Replaces the settings and clears the health (new settings deserve a new try); empty when missing. */
    Optional<VmProviderConfig> update(long id, VmProviderSettings settings);

    /** Records the executor's view of the provider's failures; no-op when the provider is gone. */
    void updateHealth(long id, ProviderHealth health);

    /**
     * Records the size of one agent as the cloud told it at {@code at}; a no-op when the provider is gone or its
     * settings changed after {@code settingsAt} (the size was looked up for settings that no longer hold).
     */
    void updateAgentSize(long id, Instant settingsAt, Capacity size,
                         Instant at);

    /**
     * Deletes the provider in one transaction that locks its row against new creates (which take the same lock
     * to count and insert), so no VM can be ordered from it meanwhile; its history rows (destroyed, failed) stay,
     * without it.
     *
     * @return false when it did not exist
     * @throws InUseException while any of its agents is live (its VM may exist and only this provider can delete
     *                        it); the message counts them
     */
    boolean delete(long id);
}
