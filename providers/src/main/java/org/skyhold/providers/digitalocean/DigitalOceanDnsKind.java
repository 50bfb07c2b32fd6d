package org.skyhold.providers.digitalocean;

import java.time.Clock;
import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.DnsProvider;

/** The {@code digitalocean} DNS kind: agent names in the account's DigitalOcean domains. */
public final class DigitalOceanDnsKind implements DnsProviderKind {
    private final Clock clock;

    /** @param clock rate-limit reset times are measured against it */
    public DigitalOceanDnsKind(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return "digitalocean";
    }

    @Override
    public String displayName() {
        return "DigitalOcean DNS";
    }

    @Override
    public List<FieldSpec> fields() {
        return DigitalOceanFields.DNS;
    }

    @Override
    public void validate(KindSettings settings) {
        DropletSettings.token(settings);
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        return new DigitalOceanDnsProvider(settings, clock);
    }
}
