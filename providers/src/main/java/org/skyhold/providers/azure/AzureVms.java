package org.skyhold.providers.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/** How an Azure VM reads in the engine's vocabulary: its provisioning state, and its power state when shown. */
final class AzureVms {
    private AzureVms() {
    }

    /**
     * Provisioning {@code Deleting} is on the way out; {@code Failed} is a VM Azure could not make (to be deleted);
     * a provisioned VM is running when its power state says so (or when the answer carries no instance view, as a
     * listing does), stopping or stopped (deallocated) ones are on the way out, and the rest is still coming up.
     */
    static VmState state(VirtualMachineInner vm) {
        String provisioning = vm.provisioningState() == null ? "" : vm.provisioningState();
        switch (provisioning) {
            case "Deleting":
                return VmState.DELETING;
            case "Failed":
                return VmState.GONE;
            case "Succeeded":
                break;
            default:
                return VmState.CREATING; // Creating, Updating, Migrating
        }
        String power = powerState(vm).orElse("running");
        return switch (power) {
            case "running" -> VmState.RUNNING;
            case "stopping", "stopped", "deallocating", "deallocated" -> VmState.DELETING;
            default -> VmState.CREATING; // starting, unknown
        };
    }

    /** The code under {@code PowerState/} in the instance view, if the answer has one. */
    static Optional<String> powerState(VirtualMachineInner vm) {
        return statuses(vm).stream().map(InstanceViewStatus::code)
                .filter(c -> c != null && c.startsWith("PowerState/")).map(c -> c.substring("PowerState/".length()))
                .findFirst();
    }

    /**
     * Why a {@code Failed} VM failed: the code of its {@code ProvisioningState/failed/CODE} status (e.g.
     * {@code AllocationFailed}) with the status's message.
     */
    static Optional<String[]> failure(VirtualMachineInner vm) {
        return statuses(vm).stream().filter(s -> s.code() != null && s.code().startsWith("ProvisioningState/failed"))
                .map(s -> new String[] {s.code().substring(s.code().lastIndexOf('/') + 1),
                        s.message() == null ? s.displayStatus() : s.message()})
                .findFirst();
    }

    /** The VM without its addresses (they are on its NIC and public IP, not the VM). */
    static VmInstance view(VirtualMachineInner vm, VmState state) {
        return new VmInstance(vm.name(), state, null, null, vm.tags());
    }

    private static List<InstanceViewStatus> statuses(VirtualMachineInner vm) {
        return vm.instanceView() == null || vm.instanceView().statuses() == null ? List.of()
                : vm.instanceView().statuses();
    }
}
