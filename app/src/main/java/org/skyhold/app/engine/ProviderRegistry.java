package org.skyhold.app.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.ProviderCatalogs;

/**
 * Builds providers from stored configs through the {@link ProviderCatalog}. A client is built once per config and
 * reused until the config's settings change ({@code updatedAt}), when it is rebuilt and the old one closed. Kinds
 * this build does not have are refused as a configuration error, which the engine shows on the zone and backs
 * off from (and the planner never orders agents from them, see {@link #unavailableVmKind}).
 */
public final class ProviderRegistry implements ProviderFactory, AutoCloseable {
    private static final Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private record Cached<T>(Instant version, T client) {
    }

    private final ProviderCatalogs catalogs;
    private final ProviderCatalog catalog;
    private final Map<Long, Cached<VmProvider>> vms = new ConcurrentHashMap<>();
    private final Map<Long, Cached<DnsProvider>> dns = new ConcurrentHashMap<>();

    /** @param catalogs the kinds of this build; closed with the registry */
    public ProviderRegistry(ProviderCatalogs catalogs) {
        this.catalogs = catalogs;
        this.catalog = catalogs.catalog();
    }

    @Override
    public Optional<String> unavailableVmKind(String kindId) {
        return catalog.vm(kindId).isPresent() ? Optional.empty() : Optional.of(ProviderCatalog.notAvailable(kindId));
    }

    @Override
    public VmProvider vm(VmProviderConfig config) {
        return vms.compute(config.id(), (id, c) -> current(c, config.updatedAt(), () -> buildVm(config))).client();
    }

    @Override
    public DnsProvider dns(DnsProviderConfig config) {
        return dns.compute(config.id(), (id, c) -> current(c, config.updatedAt(), () -> buildDns(config))).client();
    }

    private static <T> Cached<T> current(Cached<T> cached, Instant version, Supplier<T> build) {
        if (cached != null && cached.version().equals(version)) {
            return cached;
        }
        Cached<T> fresh = new Cached<>(version, build.get());
        if (cached != null) {
            closeQuietly(cached.client());
        }
        return fresh;
    }

    private VmProvider buildVm(VmProviderConfig config) {
        VmProviderKind kind = catalog.vm(config.kind()).orElseThrow(() -> notAvailable(config.kind()));
        return opening(() -> kind.create(KindSettings.of(config.settings())));
    }

    private DnsProvider buildDns(DnsProviderConfig config) {
        DnsProviderKind kind = catalog.dns(config.settings().kind())
                .orElseThrow(() -> notAvailable(config.settings().kind()));
        return opening(() -> kind.create(KindSettings.of(config.settings())));
    }

    /**
     * Building a provider is where its stored secrets are first opened; one that does not open (sealed under another
     * key, or damaged) is the operator's to fix by entering the secret again, so it is bad configuration.
     */
    private static <T> T opening(Supplier<T> build) {
        try {
            return build.get();
        } catch (RepositoryException e) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "a stored secret of this provider does not "
                    + "open (" + e.getMessage() + "); enter the provider's secrets again");
        }
    }

    private static ProviderException notAvailable(String kind) {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, ProviderCatalog.notAvailable(kind));
    }

    /** Closes every client and the shared HTTP connections; for the end of the process. */
    @Override
    public void close() {
        vms.values().forEach(c -> closeQuietly(c.client()));
        dns.values().forEach(c -> closeQuietly(c.client()));
        vms.clear();
        dns.clear();
        catalogs.close();
    }

    private static void closeQuietly(Object client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing a provider client: " + e.getMessage());
            }
        }
    }
}
