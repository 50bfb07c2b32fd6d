package org.skyhold.providers.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.DeleteInstanceRequest;
import com.google.cloud.compute.v1.GetInstanceRequest;
import com.google.cloud.compute.v1.GetZoneOperationRequest;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstanceList;
import com.google.cloud.compute.v1.ListInstancesRequest;
import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code gcp} kind: agents are Compute Engine instances, named after the agent (the name is Skyhold's instance
 * id). {@link #create} sends one {@code instances.insert} with a request id derived from the agent, then polls its
 * zonal operation a few times within {@link #POLL_BUDGET}: a zone out of resources or a quota reports only there,
 * within a second or two, and must reach the engine as a failed create so it backs off or fails over. An operation
 * still running after that is followed through {@link #describe}, never waited on.
 */
public final class GcpVmProvider implements VmProvider, AutoCloseable {
    /** The longest a create polls its operation; the first poll comes after 100 ms, each next one twice as late. */
    static final Duration POLL_BUDGET = Duration.ofMillis(1500);
    private static final int PAGE = 500;

    private final GcpVmSettings settings;
    private final GcpClients clients;
    private volatile Capacity capacity;

    /** Builds the clients; no network call. */
    GcpVmProvider(GcpVmSettings settings) {
        this.settings = settings;
        this.clients = new GcpClients(settings);
    }

    @Override
    public VmInstance create(VmSpec spec) {
        InsertInstanceRequest request = GcpInsert.request(settings, spec);
        String name = request.getInstanceResource().getName();
        Operation op;
        try {
            op = clients.instances.insertCallable().call(request);
        } catch (ApiException e) {
            if (GcpErrors.isConflict(e)) {
                // made by an earlier create of this agent whose request id GCE no longer remembers
                return describe(name).orElseThrow(() -> GcpErrors.of(e));
            }
            throw GcpErrors.of(e);
        }
        op = settle(op);
        if (op.hasError() && op.getError().getErrorsCount() > 0) {
            throw GcpErrors.of(op);
        }
        return new VmInstance(name, VmState.CREATING, null, null, request.getInstanceResource().getLabelsMap());
    }

    /** The operation once DONE, or as last seen when the budget is spent or a poll fails (the insert stands). */
    private Operation settle(Operation op) {
        long deadline = System.nanoTime() + POLL_BUDGET.toNanos();
        long wait = 100;
        while (op.getStatus() != Operation.Status.DONE && System.nanoTime() + wait * 1_000_000 < deadline) {
            try {
                Thread.sleep(wait);
                op = clients.operations.getCallable().call(GetZoneOperationRequest.newBuilder()
                        .setProject(settings.project()).setZone(settings.zone()).setOperation(op.getName()).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return op;
            } catch (ApiException e) {
                return op;
            }
            wait *= 2;
        }
        return op;
    }

    @Override
    public void delete(String instanceId) {
        try {
            clients.instances.deleteCallable().call(DeleteInstanceRequest.newBuilder().setProject(settings.project())
                    .setZone(settings.zone()).setInstance(instanceId).build());
        } catch (ApiException e) {
            if (!GcpErrors.isNotFound(e)) {
                throw GcpErrors.of(e);
            }
            // gone already, or never existed: nothing to delete
        }
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        Instance i;
        try {
            i = clients.instances.getCallable().call(GetInstanceRequest.newBuilder().setProject(settings.project())
                    .setZone(settings.zone()).setInstance(instanceId).build());
        } catch (ApiException e) {
            if (GcpErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw GcpErrors.of(e);
        }
        VmInstance v = GcpInstances.view(i);
        return v.state() == VmState.GONE ? Optional.empty() : Optional.of(v);
    }

    @Override
    public List<VmInstance> listTagged(String installationId) {
        String filter = "labels." + VmSpec.TAG_INSTALLATION + " = \"" + GcpInsert.labelValue(installationId) + "\"";
        List<VmInstance> out = new ArrayList<>();
        String token = "";
        do {
            ListInstancesRequest r = ListInstancesRequest.newBuilder().setProject(settings.project())
                    .setZone(settings.zone()).setFilter(filter).setMaxResults(PAGE).setPageToken(token).build();
            InstanceList page = GcpErrors.call(() -> clients.instances.listCallable().call(r));
            for (Instance i : page.getItemsList()) {
                VmInstance v = GcpInstances.view(i);
                // the filter is GCE's; checked again so another installation's VM is never taken for ours
                if (v.state() != VmState.GONE && GcpInsert.labelValue(installationId)
                        .equals(i.getLabelsMap().get(VmSpec.TAG_INSTALLATION))) {
                    out.add(v);
                }
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    @Override
    public Optional<Capacity> expectedCapacity() {
        return Optional.ofNullable(capacity);
    }

    /** The machine type's vCPUs and memory; its built-in GPUs plus the configured guest accelerators. */
    @Override
    public Capacity lookupCapacity() {
        MachineType type = GcpErrors.call(() -> clients.machineTypes.get(settings.project(), settings.zone(),
                settings.machineType()));
        capacity = size(type);
        return capacity;
    }

    Capacity size(MachineType type) {
        long gpus = type.getAcceleratorsList().stream().mapToLong(a -> a.getGuestAcceleratorCount()).sum()
                + settings.accelerators().stream().mapToLong(GcpVmSettings.Accelerator::count).sum();
        return new Capacity(type.getGuestCpus(), gpus, type.getMemoryMb());
    }

    @Override
    public String testConnection() {
        return new GcpConnectionCheck(settings, clients, this).run();
    }

    @Override
    public void close() {
        clients.close();
    }

    /** A provider error naming what failed, for the connection check. */
    static ProviderException naming(String what, ProviderException e) {
        return new ProviderException(e.errorClass(), what + ": " + e.getMessage(), e.retryAfter(), e, e.httpStatus(),
                e.cloudCode());
    }
}
