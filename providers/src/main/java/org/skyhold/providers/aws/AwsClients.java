package org.skyhold.providers.aws;

import java.net.URI;
import java.time.Duration;
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
    Ec2Client ec2(AwsAccess access) {
        return configure(Ec2Client.builder(), access).build();
    }

    /** The Route 53 client of a DNS provider of the {@code route53} kind. */
    Route53Client route53(AwsAccess access) {
        return configure(Route53Client.builder(), access).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, AwsAccess access) {
        builder.credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(access.accessKeyId(), access.secretAccessKey())))
                .region(Region.of(access.region()))
                // explicit, so no profile or environment can switch on "auto", which probes the metadata address
                .defaultsMode(DefaultsMode.STANDARD)
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (access.endpoint() != null) {
            builder.endpointOverride(URI.create(access.endpoint()));
        }
        return builder;
    }

    @Override
    public void close() {
        http.close();
    }
}
