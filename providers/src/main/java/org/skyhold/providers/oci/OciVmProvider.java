package org.skyhold.providers.oci;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.core.VirtualNetworkClient;
import com.oracle.bmc.core.model.Instance;
import com.oracle.bmc.core.requests.GetInstanceRequest;
import com.oracle.bmc.core.requests.ListInstancesRequest;
import com.oracle.bmc.core.requests.TerminateInstanceRequest;
import com.oracle.bmc.core.responses.ListInstancesResponse;
import com.oracle.bmc.identity.IdentityClient;
import com.oracle.bmc.model.BmcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code oci} kind: agents are OCI Compute instances. Every call goes to OCI once (the SDK's retries and
 * circuit breaker are off, see {@link OciClients}); failures are classified by {@link OciErrors}. {@link #create}
 * returns as soon as OCI accepted the launch (the instance is PROVISIONING); its addresses come from
 * {@link #describe} once it runs.
 */
public final class OciVmProvider implements VmProvider, AutoCloseable {
    private static final String COMPUTE = "OCI Compute";
    private static final int PAGE = 100;

    private final OciVmSettings settings;
    private final ComputeClient compute;
    private final VirtualNetworkClient network;
    private final IdentityClient identity;
    private final OciErrors errors;
    private final Map<String, String> vnics = new ConcurrentHashMap<>();
    private volatile Capacity capacity;

    /** Builds the clients; no network call. */
    OciVmProvider(OciVmSettings settings) {
        this.settings = settings;
        RetryAfters retryAfters = new RetryAfters();
        this.errors = new OciErrors(retryAfters);
        SimpleAuthenticationDetailsProvider auth = OciClients.auth(settings.credentials());
        this.compute = OciClients.build(ComputeClient.builder(), auth, settings.endpoint(), retryAfters);
        this.network = OciClients.build(VirtualNetworkClient.builder(), auth, settings.endpoint(), retryAfters);
        this.identity = OciClients.build(IdentityClient.builder(), auth, settings.endpoint(), retryAfters);
    }

    @Override
    public VmInstance create(VmSpec spec) {
        Instance made = errors.call(COMPUTE, () -> compute.launchInstance(OciLaunch.request(settings, spec))
                .getInstance());
        learn(made);
        return OciInstances.view(made);
    }

    @Override
    public void delete(String instanceId) {
        try {
            compute.terminateInstance(TerminateInstanceRequest.builder().instanceId(instanceId)
                    .preserveBootVolume(false).build());
        } catch (BmcException e) {
            if (!OciErrors.isNotFound(e)) {
                throw errors.of(e, COMPUTE);
            }
            // gone already, or never existed: nothing to delete
        }
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        Instance i;
        try {
            i = compute.getInstance(GetInstanceRequest.builder().instanceId(instanceId).build()).getInstance();
        } catch (BmcException e) {
            if (OciErrors.isNotFound(e)) {
                vnics.remove(instanceId);
                return Optional.empty();
            }
            throw errors.of(e, COMPUTE);
        }
        learn(i);
        VmInstance v = OciInstances.withAddresses(i, compute, network, errors, vnics);
        return v.state() == VmState.GONE ? Optional.empty() : Optional.of(v);
    }

    @Override
    public List<VmInstance> listTagged(String installationId) {
        List<VmInstance> out = new ArrayList<>();
        String page = null;
        do {
            String p = page;
            ListInstancesResponse r = errors.call(COMPUTE, () -> compute.listInstances(ListInstancesRequest.builder()
                    .compartmentId(settings.compartment()).limit(PAGE).page(p).build()));
            for (Instance i : r.getItems()) {
                if (installationId.equals(i.getFreeformTags() == null ? null
                        : i.getFreeformTags().get(VmSpec.TAG_INSTALLATION))) {
                    learn(i);
                    VmInstance v = OciInstances.view(i);
                    if (v.state() != VmState.GONE) {
                        out.add(v);
                    }
                }
            }
            page = r.getOpcNextPage();
        } while (page != null);
        return out;
    }

    /** The size of one agent, once OCI has told an instance's shape config (at a launch, describe or listing). */
    @Override
    public Optional<Capacity> expectedCapacity() {
        return Optional.ofNullable(capacity);
    }

    @Override
    public Capacity lookupCapacity() {
        Capacity size = OciShapeSize.lookUp(settings, compute, errors);
        capacity = size;
        return size;
    }

    @Override
    public String testConnection() {
        return new OciConnectionCheck(settings, compute, network, identity, errors).run();
    }

    @Override
    public void close() {
        compute.close();
        network.close();
        identity.close();
    }

    /** Remembers the agent size from an instance launched with the current settings' shape and shape config. */
    private void learn(Instance i) {
        if (capacity != null || !settings.shape().equals(i.getShape())) {
            return;
        }
        if (settings.flexOcpus() != null && (i.getShapeConfig() == null || i.getShapeConfig().getOcpus() == null
                || i.getShapeConfig().getOcpus().intValue() != settings.flexOcpus())) {
            return; // launched before the OCPUs were changed
        }
        OciInstances.capacity(i).ifPresent(c -> capacity = c);
    }
}
