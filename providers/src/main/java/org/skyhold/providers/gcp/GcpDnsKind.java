package org.skyhold.providers.gcp;

import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.DnsProvider;

/** The {@code gcp} DNS provider kind: agents' names in Cloud DNS managed zones of one project. */
public final class GcpDnsKind implements DnsProviderKind {
    @Override
    public String id() {
        return "gcp";
    }

    @Override
    public String displayName() {
        return "Google Cloud DNS";
    }

    @Override
    public List<FieldSpec> fields() {
        return GcpFields.DNS;
    }

    @Override
    public void validate(KindSettings settings) {
        GcpDnsSettings.read(settings);
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        try {
            return new GcpDnsProvider(GcpDnsSettings.read(settings));
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
    }
}
