package org.skyhold.providers.oci;

import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;

/** The {@code oci} DNS provider kind: agents' names in OCI DNS zones of one compartment. */
public final class OciDnsKind implements DnsProviderKind {
    @Override
    public String id() {
        return "oci";
    }

    @Override
    public String displayName() {
        return "Oracle Cloud DNS";
    }

    @Override
    public List<FieldSpec> fields() {
        return OciFields.DNS;
    }

    @Override
    public void validate(KindSettings settings) {
        OciDnsSettings.read(settings);
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        OciDnsSettings s;
        try {
            s = OciDnsSettings.read(settings);
        } catch (InvalidFieldException e) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, e.field() + " " + e.getMessage(), null, e);
        }
        return new OciDnsProvider(s);
    }
}
