package org.skyhold.providers.rfc2136;

import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;

/**
 * The {@code rfc2136} DNS kind: any DNS server that accepts TSIG-signed dynamic updates. The server is its own
 * endpoint, so the common endpoint override means nothing here.
 */
public final class Rfc2136DnsKind implements DnsProviderKind {
    public static final String ID = "rfc2136";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "RFC 2136 dynamic DNS (BIND, PowerDNS, Knot)";
    }

    @Override
    public List<FieldSpec> fields() {
        return Rfc2136Fields.ALL;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(Rfc2136Fields.PORT.name(), Integer.toString(Rfc2136Fields.DNS_PORT),
                Rfc2136Fields.ALGORITHM.name(), Rfc2136Fields.HMAC_SHA256,
                Rfc2136Fields.PROTOCOL.name(), Rfc2136Fields.TCP);
    }

    @Override
    public boolean usesEndpointOverride() {
        return false;
    }

    @Override
    public void validate(KindSettings settings) {
        Rfc2136Settings.read(settings);
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        try {
            return new Rfc2136DnsProvider(Rfc2136Settings.read(settings));
        } catch (InvalidFieldException e) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, e.field() + " " + e.getMessage());
        }
    }
}
