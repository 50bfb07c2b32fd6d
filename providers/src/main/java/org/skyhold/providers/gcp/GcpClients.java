package org.skyhold.providers.gcp;

import com.google.api.core.ApiFunction;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.compute.v1.ImagesClient;
import com.google.cloud.compute.v1.ImagesSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.ProjectsClient;
import com.google.cloud.compute.v1.ProjectsSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;

/**
 * The Compute clients of one {@code gcp} VM provider, on the REST transport, sharing its credentials. Every call
 * is tried once with a 30-second timeout: the engine backs off by error class, so the clients' own retries (up to
 * 10 minutes for reads by default) are off. Building them makes no network call.
 */
final class GcpClients implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ApiFunction<UnaryCallSettings.Builder<?, ?>, Void> ONCE = b -> {
        b.setRetryableCodes(Set.of());
        b.setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).setTotalTimeoutDuration(CALL_TIMEOUT)
                .setInitialRpcTimeoutDuration(CALL_TIMEOUT).setMaxRpcTimeoutDuration(CALL_TIMEOUT)
                .setRpcTimeoutMultiplier(1.0).build());
        return null;
    };

    final InstancesClient instances;
    final ZoneOperationsClient operations;
    final MachineTypesClient machineTypes;
    final ImagesClient images;
    final NetworksClient networks;
    final SubnetworksClient subnetworks;
    final ProjectsClient projects;

    GcpClients(GcpVmSettings s) {
        try {
            instances = InstancesClient.create(
                    common(InstancesSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
            operations = ZoneOperationsClient.create(
                    common(ZoneOperationsSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
            machineTypes = MachineTypesClient.create(
                    common(MachineTypesSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
            images = ImagesClient.create(
                    common(ImagesSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
            networks = NetworksClient.create(
                    common(NetworksSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
            subnetworks = SubnetworksClient.create(
                    common(SubnetworksSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
            projects = ProjectsClient.create(
                    common(ProjectsSettings.newBuilder(), s).applyToAllUnaryMethods(ONCE).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <B extends ClientSettings.Builder<?, B>> B common(B b, GcpVmSettings s) {
        b.setCredentialsProvider(FixedCredentialsProvider.create(s.credentials()));
        if (s.endpoint() != null) {
            b.setEndpoint(s.endpoint());
        }
        return b;
    }

    @Override
    public void close() {
        instances.close();
        operations.close();
        machineTypes.close();
        images.close();
        networks.close();
        subnetworks.close();
        projects.close();
    }
}
