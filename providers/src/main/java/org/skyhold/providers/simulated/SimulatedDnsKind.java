package org.skyhold.providers.simulated;

import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.DnsProvider;

/** The {@code simulated} DNS kind: A records in the simulated cloud's memory; it has no fields. */
public final class SimulatedDnsKind implements DnsProviderKind {
    private final SimulatedCloud cloud;

    public SimulatedDnsKind(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String id() {
        return "simulated";
    }

    @Override
    public String displayName() {
        return "Simulated (in memory)";
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of();
    }

    @Override
    public void validate(KindSettings settings) {
        // nothing to read
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        return new SimulatedDnsProvider(cloud);
    }
}
