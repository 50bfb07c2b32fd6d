package org.skyhold.providers;

import java.time.Clock;
import java.util.List;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.providers.aws.AwsClients;
import org.skyhold.providers.aws.Ec2Kind;
import org.skyhold.providers.aws.Route53Kind;
import org.skyhold.providers.azure.AzureDnsKind;
import org.skyhold.providers.azure.AzureVmKind;
import org.skyhold.providers.digitalocean.DigitalOceanDnsKind;
import org.skyhold.providers.digitalocean.DigitalOceanVmKind;
import org.skyhold.providers.gcp.GcpDnsKind;
import org.skyhold.providers.gcp.GcpVmKind;
import org.skyhold.providers.oci.OciDnsKind;
import org.skyhold.providers.oci.OciVmKind;
import org.skyhold.providers.rfc2136.Rfc2136DnsKind;
import org.skyhold.providers.simulated.SimulatedCloud;
import org.skyhold.providers.simulated.SimulatedDnsKind;
import org.skyhold.providers.simulated.SimulatedVmKind;

/**
 * The provider kinds of this build, one line per kind: adding a cloud is its package and a line here. Owns what
 * the kinds share (the AWS SDK's HTTP connections); close it when the process ends.
 */
public final class ProviderCatalogs implements AutoCloseable {
    private final AwsClients aws;
    private final ProviderCatalog catalog;

    private ProviderCatalogs(AwsClients aws, ProviderCatalog catalog) {
        this.aws = aws;
        this.catalog = catalog;
    }

    /**
     * Every kind this build has, in the order the pages offer them.
     *
     * @param clock the engine's clock; clouds' rate-limit reset times are measured against it
     */
    public static ProviderCatalogs standard(SimulatedCloud simulated, Clock clock) {
        AwsClients aws = new AwsClients();
        return new ProviderCatalogs(aws, new ProviderCatalog(
                List.of(
                        new Ec2Kind(aws),
                        new DigitalOceanVmKind(clock),
                        new OciVmKind(),
                        new GcpVmKind(),

                        new AzureVmKind(),
                        new SimulatedVmKind(simulated)),
                List.of(
                        new Route53Kind(aws),
                        new DigitalOceanDnsKind(clock),
                        new OciDnsKind(),
                        new GcpDnsKind(),

                        new AzureDnsKind(),
                        new Rfc2136DnsKind(),
                        new SimulatedDnsKind(simulated))));
    }

    public ProviderCatalog catalog() {
        return catalog;
    }

    /** Closes the shared connections; providers built from the catalog must not be used afterwards. */
    @Override
    public void close() {
        aws.close();
    }
}
