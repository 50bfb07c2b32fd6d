package org.skyhold.providers.aws;

import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.DnsProvider;

/** The {@code route53} kind: agent names in Amazon Route 53 hosted zones. */
public final class Route53Kind implements DnsProviderKind {
    private final AwsClients clients;

    /** @param clients the shared HTTP connections of every AWS client; closed by their owner */
    public Route53Kind(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String id() {
        return "route53";
    }

    @Override
    public String displayName() {
        return "Amazon Route 53";
    }

    @Override
    public List<FieldSpec> fields() {
        return AwsFields.ROUTE53;
    }

    @Override
    public void validate(KindSettings settings) {
        AwsAccess.route53(settings);
    }

    @Override
    public DnsProvider create(KindSettings settings) {
        return new Route53DnsProvider(clients, settings);
    }
}
