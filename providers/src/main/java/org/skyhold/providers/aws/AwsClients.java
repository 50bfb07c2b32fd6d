package org.skyhold.providers.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.ProviderException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Builds the AWS SDK clients of provider configs. Everything is explicit: static credentials from the config, the
 * region, and the endpoint override when set, so the SDK never consults its default chains (environment, profile
 * files, or the instance-metadata address). The SDK's own retries are off: a throttled or failed call reaches the
 * engine, which backs off by error class, and a retried create is made idempotent by its client token.
 *
 * <p>All clients share one pooled HTTP client, so closing the SDK client of a replaced config never cuts a call
 * another thread still has in flight on it. Close this when the process ends.
 */
public final class AwsClients implements AutoCloseable {
    /** Route 53 is global; its calls are signed for us-east-1 unless a config names another partition's region. */
    static final String ROUTE53_DEFAULT_REGION = "us-east-1";

    private final SdkHttpClient http;

    public AwsClients() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** With the HTTP client's connect timeout and read timeout (tests use short ones). */
    public AwsClients(Duration connectTimeout, Duration socketTimeout) {
        this.http = Apache5HttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(socketTimeout)
                .maxConnections(50).build();
    }

    /** The EC2 client of a VM provider of the {@code aws} kind. */
    public Ec2Client ec2(VmProviderSettings settings) {
        return configure(Ec2Client.builder(), settings.fields(), settings.secrets(), settings.endpointOverride(),
                required(settings.fields(), "aws_region")).build();
    }

    /** The Route 53 client of a DNS provider of the {@code route53} kind. */
    public Route53Client route53(DnsProviderSettings settings) {
        String region = settings.fields().getOrDefault("aws_region", ROUTE53_DEFAULT_REGION);
        return configure(Route53Client.builder(), settings.fields(), settings.secrets(), settings.endpointOverride(),
                region).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Map<String, String> fields, Map<String, Secret> secrets, String endpointOverride,
            String region) {
        Secret secret = secrets.get("aws_secret_access_key");
        if (secret == null || secret.isEmpty()) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the secret access key is not set");
        }
        builder.credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(required(fields, "aws_access_key_id"), secret.reveal())))
                .region(Region.of(region))
                // explicit, so no profile or environment can switch on "auto", which probes the metadata address
                .defaultsMode(DefaultsMode.STANDARD)
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpointOverride != null && !endpointOverride.isBlank()) {
            builder.endpointOverride(URI.create(endpointOverride.trim()));
        }
        return builder;
    }

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null || v.isBlank()) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, name + " is not set");
        }
        return v.trim();
    }

    @Override
    public void close() {
        http.close();
    }
}
