package org.skyhold.providers.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code azure} kind: agents are Azure VMs, each with its own NIC, public IP and OS disk named from the agent
 * id (see {@link AzureVmRequest}). Every call goes to Resource Manager once (the SDK's retries are off, see
 * {@link AzureClients}); failures are classified by {@link AzureErrors}. {@link #create} and {@link #delete} send
 * the PUT or DELETE and return once Azure accepted it, without following the long-running operation; the engine
 * follows it through {@link #describe}.
 */
public final class AzureVmProvider implements VmProvider, AutoCloseable {
    private static final String COMPUTE = AzureSizes.COMPUTE;
    private static final String NETWORK = AzureResources.NETWORK;

    private final AzureVmSettings settings;
    private final AzureClients clients;
    private final ComputeManagementClient compute;
    private final AzureResources resources;
    private final ResourceManagementClient groups;
    private final NetworkManagementClient network;
    /** An allocation failure Azure reported after it accepted a create, told to the engine by the next create. */
    private final AtomicReference<ProviderException> lateFailure = new AtomicReference<>();
    private volatile Capacity capacity;

    /** Builds the clients; no network call. */
    AzureVmProvider(AzureVmSettings settings) {
        this.settings = settings;
        this.clients = new AzureClients(settings.account());
        ComputeManager computeManager = ComputeManager.authenticate(clients.pipeline, clients.profile);
        NetworkManagementClient network = NetworkManager.authenticate(clients.pipeline, clients.profile)
                .serviceClient();
        this.compute = computeManager.serviceClient();
        this.groups = computeManager.resourceManager().serviceClient();
        this.network = network;
        this.resources = new AzureResources(settings.account().resourceGroup(), compute, network);
    }

    /**
     * One PUT of the VM (which makes its NIC and public IP). Idempotent: the names come from the agent id, so a
     * retried create PUTs the same VM again. When Azure failed an earlier VM after accepting it (an allocation
     * failure), this create reports that failure instead, so the engine backs off or fails over to the next
     * provider rather than ordering into a region without capacity again.
     */
    @Override
    public VmInstance create(VmSpec spec) {
        ProviderException late = lateFailure.getAndSet(null);
        if (late != null) {
            throw late;
        }
        AzureNames names = AzureNames.ofAgent(spec.agentId());
        VirtualMachineInner request = AzureVmRequest.model(AzureVmRequest.json(settings, spec));
        AzureErrors.call(COMPUTE, () -> drain(compute.getVirtualMachines().createOrUpdateWithResponseAsync(
                settings.account().resourceGroup(), names.vm(), request, null, null)));
        return new VmInstance(names.vm(), VmState.CREATING, null, null, request.tags());
    }

    /**
     * Deletes the VM (its NIC, public IP and OS disk go with it); once the VM is gone, deletes whichever of them
     * is still there (a VM made before they were set to go with it, or one Azure failed). Each call does the next
     * step; {@link #describe} shows DELETING until all of them are gone.
     */
    @Override
    public void delete(String instanceId) {
        AzureNames names = new AzureNames(instanceId);
        try {
            int status = drain(compute.getVirtualMachines().deleteWithResponseAsync(
                    settings.account().resourceGroup(), instanceId, null));
            if (status != 204) {
                return; // accepted: the VM is on its way out (Azure answers 204 when there was no VM)
            }
        } catch (RuntimeException e) {
            if (!AzureErrors.isNotFound(e)) {
                throw AzureErrors.of(e, COMPUTE);
            }
        }
        resources.deleteLeftovers(names);
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        VirtualMachineInner vm;
        try {
            vm = compute.getVirtualMachines().getByResourceGroupWithResponse(settings.account().resourceGroup(),
                    instanceId, InstanceViewTypes.INSTANCE_VIEW, Context.NONE).getValue();
        } catch (RuntimeException e) {
            if (!AzureErrors.isNotFound(e)) {
                throw AzureErrors.of(e, COMPUTE);
            }
            return resources.anyLeft(new AzureNames(instanceId))
                    ? Optional.of(new VmInstance(instanceId, VmState.DELETING, null, null, null)) : Optional.empty();
        }
        VmState state = AzureVms.state(vm);
        if (state == VmState.GONE) {
            AzureVms.failure(vm).ifPresent(f -> lateFailure.set(new ProviderException(
                    AzureErrors.classify(0, f[0], f[1]), COMPUTE + " " + f[0] + ": VM " + instanceId
                    + " failed after it was accepted: " + f[1], null, null, 0, f[0])));
            return Optional.of(AzureVms.view(vm, VmState.GONE));
        }
        if (state != VmState.RUNNING) {
            return Optional.of(AzureVms.view(vm, state));
        }
        AzureNames names = new AzureNames(instanceId);
        return Optional.of(new VmInstance(instanceId, state, resources.publicIp(names), resources.privateIp(names),
                vm.tags()));
    }

    /** Every VM of the resource group with this installation's tag; a failed one shows as on its way out. */
    @Override
    public List<VmInstance> listTagged(String installationId) {
        List<VmInstance> out = new ArrayList<>();
        AzureErrors.call(COMPUTE, () -> {
            for (VirtualMachineInner vm : compute.getVirtualMachines()
                    .listByResourceGroup(settings.account().resourceGroup())) {
                if (vm.tags() != null && installationId.equals(vm.tags().get(VmSpec.TAG_INSTALLATION))) {
                    VmState state = AzureVms.state(vm);
                    out.add(AzureVms.view(vm, state == VmState.GONE ? VmState.DELETING : state));
                }
            }
            return out;
        });
        return out;
    }

    @Override
    public Optional<Capacity> expectedCapacity() {
        return Optional.ofNullable(capacity);
    }

    @Override
    public Capacity lookupCapacity() {
        Capacity size = AzureSizes.capacity(AzureSizes.sku(compute, settings.region(), settings.vmSize()));
        capacity = size;
        return size;
    }

    @Override
    public String testConnection() {
        return new AzureConnectionCheck(settings, compute, groups, network).run();
    }

    @Override
    public void close() {
        clients.close();
    }

    /** Waits for the answer to one request and reads its body, so the connection goes back to the pool. */
    static int drain(Mono<Response<Flux<ByteBuffer>>> call) {
        Response<Flux<ByteBuffer>> answer = call.block();
        if (answer == null) {
            return 0;
        }
        answer.getValue().blockLast();
        return answer.getStatusCode();
    }
}
