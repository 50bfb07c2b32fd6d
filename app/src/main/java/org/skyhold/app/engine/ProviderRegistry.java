package org.skyhold.app.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.aws.AwsClients;
import org.skyhold.providers.aws.Ec2VmProvider;
import org.skyhold.providers.aws.Route53DnsProvider;
import org.skyhold.providers.digitalocean.DigitalOceanDnsProvider;
import org.skyhold.providers.digitalocean.DigitalOceanVmProvider;
import org.skyhold.providers.oci.OciDnsKind;
import org.skyhold.providers.oci.OciVmKind;
import org.skyhold.providers.simulated.SimulatedCloud;
import org.skyhold.providers.simulated.SimulatedDnsProvider;
import org.skyhold.providers.simulated.SimulatedVmProvider;

/**
 * The one registry of provider kinds. A client is built once per config and reused until the config's
 * settings change ({@code updatedAt}), when it is rebuilt and the old one closed. Kinds without an implementation
 * in this build are refused as a configuration error, which the engine shows on the zone and backs off from.
 */
public final class ProviderRegistry implements ProviderFactory, AutoCloseable {
    private static final Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private record Cached<T>(Instant version, T client) {
    }

    private final SimulatedCloud simulated;
    private final AwsClients aws = new AwsClients();
    private final Clock clock;
    private final Map<Long, Cached<VmProvider>> vms = new ConcurrentHashMap<>();
    private final Map<Long, Cached<DnsProvider>> dns = new ConcurrentHashMap<>();

    /** @param clock the engine's clock; clouds' rate-limit reset times are measured against it */
    public ProviderRegistry(SimulatedCloud simulated, Clock clock) {
        this.simulated = simulated;
        this.clock = clock;
    }

    @Override
    public VmProvider vm(VmProviderConfig config) {
        return vms.compute(config.id(), (id, c) -> current(c, config.updatedAt(), () -> buildVm(config))).client();
    }

    @Override
    public DnsProvider dns(DnsProviderConfig config) {
        return dns.compute(config.id(), (id, c) -> current(c, config.updatedAt(), () -> buildDns(config))).client();
    }

    private static <T> Cached<T> current(Cached<T> cached, Instant version, java.util.function.Supplier<T> build) {
        if (cached != null && cached.version().equals(version)) {
            return cached;
        }
        Cached<T> fresh = new Cached<>(version, build.get());
        if (cached != null) {
            closeQuietly(cached.client());
        }
        return fresh;
    }

    private VmProvider buildVm(VmProviderConfig config) {
        return switch (config.kind()) {
            case SIMULATED -> new SimulatedVmProvider(simulated, config.settings());
            case AWS -> new Ec2VmProvider(aws, config.settings());
            case DIGITALOCEAN -> new DigitalOceanVmProvider(config.settings(), clock);
            case OCI -> OCI_VM.create(kindSettings(OCI_VM.fields(), config.settings().fields(),
                    config.settings().secrets(), config.settings().endpointOverride()));
            default -> throw notWired(config.kind().wireName());
        };
    }

    private DnsProvider buildDns(DnsProviderConfig config) {
        return switch (config.settings().kind()) {
            case SIMULATED -> new SimulatedDnsProvider(simulated);
            case ROUTE53 -> new Route53DnsProvider(aws, config.settings());
            case DIGITALOCEAN -> new DigitalOceanDnsProvider(config.settings(), clock);
            case OCI -> OCI_DNS.create(kindSettings(OCI_DNS.fields(), config.settings().fields(),
                    config.settings().secrets(), config.settings().endpointOverride()));
            default -> throw notWired(config.settings().kind().wireName());
        };
    }

    // temporary, until the catalog wiring of issue 11 replaces the switches: the descriptor kinds built so far
    private static final OciVmKind OCI_VM = new OciVmKind();
    private static final OciDnsKind OCI_DNS = new OciDnsKind();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored string map as a descriptor kind's settings: JSON-typed fields parsed from their text. */
    private static KindSettings kindSettings(List<FieldSpec> specs, Map<String, String> fields,
                                             Map<String, Secret> secrets, String endpointOverride) {
        Map<String, Object> values = new HashMap<>(fields);
        for (FieldSpec f : specs) {
            if (f.type().isJson() && fields.get(f.name()) != null) {
                try {
                    values.put(f.name(), JSON.readValue(fields.get(f.name()), Object.class));
                } catch (JsonProcessingException e) {
                    throw new ProviderException(ProviderErrorClass.BAD_CONFIG, f.name() + " is not valid JSON");
                }
            }
        }
        return new KindSettings(ProviderFields.of(values), secrets, endpointOverride);
    }

    private static ProviderException notWired(String kind) {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, "the " + kind
                + " provider kind is not available in this version of Skyhold yet; use another kind for this zone");
    }

    /** Closes every client and the shared HTTP connections; for the end of the process. */
    @Override
    public void close() {
        vms.values().forEach(c -> closeQuietly(c.client()));
        dns.values().forEach(c -> closeQuietly(c.client()));
        vms.clear();
        dns.clear();
        aws.close();
    }

    private static void closeQuietly(Object client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing a provider client: " + e.getMessage());
            }
        }
    }
}
