package org.skyhold.app.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.digitalocean.DigitalOceanDnsProvider;
import org.skyhold.providers.digitalocean.DigitalOceanVmProvider;
import org.skyhold.providers.simulated.SimulatedCloud;
import org.skyhold.providers.simulated.SimulatedDnsProvider;
import org.skyhold.providers.simulated.SimulatedVmProvider;

/**
 * The one registry of provider kinds. A client is built once per config and reused until the config's
 * settings change ({@code updatedAt}), when it is rebuilt. Kinds without an implementation in this build are
 * refused as a configuration error, which the engine shows on the zone and backs off from.
 */
public final class ProviderRegistry implements ProviderFactory {
    private record Cached<T>(Instant version, T client) {
    }

    private final SimulatedCloud simulated;
    private final Clock clock;
    private final Map<Long, Cached<VmProvider>> vms = new ConcurrentHashMap<>();
    private final Map<Long, Cached<DnsProvider>> dns = new ConcurrentHashMap<>();

    /** @param clock the engine's clock; clouds' rate-limit reset times are measured against it */
    public ProviderRegistry(SimulatedCloud simulated, Clock clock) {
        this.simulated = simulated;
        this.clock = clock;
    }

    @Override
    public VmProvider vm(VmProviderConfig config) {
        Cached<VmProvider> c = vms.get(config.id());
        if (c == null || !c.version().equals(config.updatedAt())) {
            c = new Cached<>(config.updatedAt(), buildVm(config));
            vms.put(config.id(), c);
        }
        return c.client();
    }

    @Override
    public DnsProvider dns(DnsProviderConfig config) {
        Cached<DnsProvider> c = dns.get(config.id());
        if (c == null || !c.version().equals(config.updatedAt())) {
            c = new Cached<>(config.updatedAt(), buildDns(config));
            dns.put(config.id(), c);
        }
        return c.client();
    }

    private VmProvider buildVm(VmProviderConfig config) {
        return switch (config.kind()) {
            case SIMULATED -> new SimulatedVmProvider(simulated, config.settings());
            case DIGITALOCEAN -> new DigitalOceanVmProvider(config.settings(), clock);
            default -> throw notWired(config.kind().wireName());
        };
    }

    private DnsProvider buildDns(DnsProviderConfig config) {
        return switch (config.settings().kind()) {
            case SIMULATED -> new SimulatedDnsProvider(simulated);
            case DIGITALOCEAN -> new DigitalOceanDnsProvider(config.settings(), clock);
            default -> throw notWired(config.settings().kind().wireName());
        };
    }

    private static ProviderException notWired(String kind) {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, "the " + kind
                + " provider kind is not available in this version of Skyhold yet; use another kind for this zone");
    }
}
