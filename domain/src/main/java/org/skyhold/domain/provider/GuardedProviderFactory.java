package org.skyhold.domain.provider;

import java.util.Optional;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.VmProviderConfig;

/**
 * Wraps every provider another factory builds in {@link GuardedVmProvider} / {@link GuardedDnsProvider}. The
 * wrappers hold no state of their own, so a new one per call is as good as a cached one; the inner factory keeps
 * caching the clients. A failure to build (a kind not in this build) is contained the same way.
 */
public final class GuardedProviderFactory implements ProviderFactory {
    private final ProviderFactory inner;
    private final ProviderCalls calls;

    public GuardedProviderFactory(ProviderFactory inner, ProviderCalls calls) {
        this.inner = inner;
        this.calls = calls;
    }

    @Override
    public VmProvider vm(VmProviderConfig config) {
        VmProvider built = calls.runLocal(config.name(), "build", () -> inner.vm(config));
        return new GuardedVmProvider(built, config.name(), kindOf(config), calls);
    }

    @Override
    public DnsProvider dns(DnsProviderConfig config) {
        DnsProvider built = calls.runLocal(config.settings().name(), "build", () -> inner.dns(config));
        return new GuardedDnsProvider(built, config.settings().name(), kindOf(config), calls);
    }

    @Override
    public Optional<String> unavailableVmKind(String kindId) {
        return inner.unavailableVmKind(kindId);
    }

    /** The metric label of a VM provider's kind: its id. */
    static String kindOf(VmProviderConfig config) {
        return config.kind();
    }

    /** The metric label of a DNS provider's kind: its id. */
    static String kindOf(DnsProviderConfig config) {
        return config.settings().kind();
    }
}
