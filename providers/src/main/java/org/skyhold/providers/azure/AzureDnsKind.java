package org.skyhold.providers.azure;

import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.DnsProvider;

/** The {@code azure} DNS provider kind: agents' names in Azure DNS zones of one resource group. */
public final class AzureDnsKind implements DnsProviderKind {
    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String displayName() {
        return "Azure DNS";
    }

    @Override
    public List<FieldSpec> fields() {
        return AzureFields.DNS;
    }

    @Override
    public void validate(KindSettings settings) {
        AzureDnsSettings.read(settings);
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        try {
            return new AzureDnsProvider(AzureDnsSettings.read(settings));
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
    }
}
