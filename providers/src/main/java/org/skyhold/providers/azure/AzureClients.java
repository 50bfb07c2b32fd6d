package org.skyhold.providers.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The HTTP side of one Azure provider: an OkHttp client (the JVM's trust store decides which certificates are
 * trusted, so a private endpoint's CA goes into {@code javax.net.ssl.trustStore}), a client-secret credential whose
 * token requests go through the same client, and one Resource Manager pipeline with the SDK's retries off: the
 * engine backs off by error class and paces calls by the throttling it sees, and a 429 retried three times inside
 * the SDK would hide it. The endpoint override replaces only Resource Manager and Active Directory in a copy of
 * the cloud's endpoints (a map with only those two breaks the managers).
 */
final class AzureClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final OkHttpClient okHttp;
    final AzureProfile profile;
    final HttpPipeline pipeline;

    AzureClients(AzureAccount account) {
        // no silent resend of a request whose connection closed without an answer: the engine asks again itself
        // (with the same VM name, so a create carried out is the same VM) and a fault it sees becomes an event
        this.okHttp = new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).readTimeout(READ_TIMEOUT)
                .retryOnConnectionFailure(false).connectionPool(new ConnectionPool(4, 1, TimeUnit.MINUTES)).build();
        HttpClient http = new OkHttpAsyncHttpClientBuilder(okHttp).build();
        AzureEnvironment environment = environment(account.authority(), account.endpoint());
        this.profile = new AzureProfile(account.tenant(), account.subscription(), environment);
        TokenCredential credential = new ClientSecretCredentialBuilder().tenantId(account.tenant())
                .clientId(account.clientId()).clientSecret(account.clientSecret())
                .authorityHost(environment.getActiveDirectoryEndpoint())
                // instance discovery asks login.microsoftonline.com about the authority: never for an override
                .disableInstanceDiscovery().httpClient(http).maxRetry(0).build();
        this.pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null, new HttpLogOptions(), null,
                new RetryPolicy(new FixedDelay(0, Duration.ZERO)), List.of(), http);
    }

    /** The cloud's endpoints, with Resource Manager and Active Directory at {@code endpoint} when it is set. */
    static AzureEnvironment environment(String authority, String endpoint) {
        AzureEnvironment cloud = switch (authority) {
            case "usgovernment" -> AzureEnvironment.AZURE_US_GOVERNMENT;
            case "china" -> AzureEnvironment.AZURE_CHINA;
            default -> AzureEnvironment.AZURE;
        };
        if (endpoint == null) {
            return cloud;
        }
        Map<String, String> endpoints = new HashMap<>(cloud.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint + "/");
        endpoints.put("activeDirectoryEndpointUrl", endpoint + "/");
        return new AzureEnvironment(endpoints);
    }

    String subscription() {
        return profile.getSubscriptionId();
    }

    @Override
    public void close() {
        okHttp.connectionPool().evictAll();
        okHttp.dispatcher().executorService().shutdown();
    }
}
