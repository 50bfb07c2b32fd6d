package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderSettings;

/** Stores DNS providers with sealed secrets. Blocking; failures throw {@link RepositoryException}. */
public interface DnsProviderConfigRepository {
    /** Stores a new DNS provider; {@link DuplicateNameException} for a taken name. */
    DnsProviderConfig create(DnsProviderSettings settings);

    /** The DNS provider, or empty. */
    Optional<DnsProviderConfig> find(long id);

    /** All DNS providers by name. */
    List<DnsProviderConfig> list();

    /** Replaces the settings; empty when missing. */
    Optional<DnsProviderConfig> update(long id, DnsProviderSettings settings);

    /** Deletes it; false when missing. {@link InUseException} while a zone names it. */
    boolean delete(long id);
}
