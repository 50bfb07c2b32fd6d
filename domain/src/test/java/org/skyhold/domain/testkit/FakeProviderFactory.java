package org.skyhold.domain.testkit;

import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;
import org.skyhold.domain.provider.VmProvider;

/**
 * The registry of the kit's fakes: each stored provider config (by id) answers with the fake the test gave it. A
 * config without one is refused as the real factory refuses a kind it lacks ({@code bad_config}).
 */
public final class FakeProviderFactory implements ProviderFactory {
    private final Map<Long, VmProvider> vms = new HashMap<>();
    private final Map<Long, DnsProvider> dns = new HashMap<>();

    public synchronized FakeProviderFactory put(VmProviderConfig config, VmProvider provider) {
        vms.put(config.id(), provider);
        return this;
    }

    public synchronized FakeProviderFactory put(DnsProviderConfig config, DnsProvider provider) {
        dns.put(config.id(), provider);
        return this;
    }

    @Override
    public synchronized VmProvider vm(VmProviderConfig config) {
        VmProvider p = vms.get(config.id());
        if (p == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "no fake cloud for VM provider "
                    + config.name() + " (" + config.id() + ")");
        }
        return p;
    }

    @Override
    public synchronized DnsProvider dns(DnsProviderConfig config) {
        DnsProvider p = dns.get(config.id());
        if (p == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "no fake DNS zone for DNS provider "
                    + config.name() + " (" + config.id() + ")");
        }
        return p;
    }
}
