package org.skyhold.providers.oci;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.Realm;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.common.ClientBuilderBase;
import com.oracle.bmc.http.client.jersey3.ClientBuilderDecorator;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the OCI SDK clients of one provider: request signing from the provider's own credentials (never a config
 * file or instance principal), the endpoint override as every client's base URL, and neither the SDK's retries nor
 * its circuit breaker, because the engine owns retrying (by error class, with its own backoff) and a retried launch
 * is made idempotent by its retry token. Every client shares one {@link RetryAfters} filter.
 */
final class OciClients {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private OciClients() {
    }

    static SimpleAuthenticationDetailsProvider auth(OciCredentials c) {
        byte[] pem = c.privateKeyPem().getBytes(StandardCharsets.UTF_8);
        return SimpleAuthenticationDetailsProvider.builder().tenantId(c.tenancy()).userId(c.user())
                .fingerprint(c.fingerprint()).privateKeySupplier(() -> new ByteArrayInputStream(pem))
                .region(region(c.region())).build();
    }

    /**
     * Configures and builds a client: {@code endpoint} null means the region's public endpoint of that service.
     */
    static <B extends ClientBuilderBase<B, C>, C> C build(B builder, SimpleAuthenticationDetailsProvider auth,
                                                          String endpoint, RetryAfters retryAfters) {
        builder.configuration(ClientConfiguration.builder()
                        .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                        .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                        .connectionTimeoutMillis(CONNECT_TIMEOUT_MS).readTimeoutMillis(READ_TIMEOUT_MS).build())
                .additionalClientConfigurator(http -> http.property(ClientBuilderDecorator.PROPERTY,
                        jersey -> jersey.register(retryAfters).build()));
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        return builder.build(auth);
    }

    /** The SDK's region of an id; one it does not know yet (a newer region) is taken as one of the commercial realm. */
    private static Region region(String id) {
        try {
            return Region.fromRegionId(id);
        } catch (IllegalArgumentException unknown) {
            return Region.register(id, Realm.OC1);
        }
    }
}
