package org.skyhold.providers.gcp;

import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.NetworkInterface;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/**
 * A Compute instance as the engine sees it: its name as the id, its state in the small vocabulary, and its IPs once
 * it runs.
 */
final class GcpInstances {
    private GcpInstances() {
    }

    static VmInstance view(Instance i) {
        String privateIp = null;
        String publicIp = null;
        VmState state = state(i.getStatus());
        // GCE shows the internal IP while provisioning and the external one only once running: the addresses are
        // given together at running, so the engine names the agent by the address it will keep
        if (state == VmState.RUNNING && i.getNetworkInterfacesCount() > 0) {
            NetworkInterface nic = i.getNetworkInterfaces(0);
            privateIp = nic.getNetworkIP().isEmpty() ? null : nic.getNetworkIP();
            for (AccessConfig a : nic.getAccessConfigsList()) {
                if (!a.getNatIP().isEmpty()) {
                    publicIp = a.getNatIP(); // assigned once the instance runs
                    break;
                }
            }
        }
        return new VmInstance(i.getName(), state, publicIp, privateIp, i.getLabelsMap());
    }

    /** GCE's instance states; TERMINATED is a stopped instance, which Skyhold never restarts. */
    static VmState state(String status) {
        return switch (status) {
            case "PROVISIONING", "STAGING" -> VmState.CREATING;
            case "RUNNING", "REPAIRING" -> VmState.RUNNING;
            case "TERMINATED" -> VmState.GONE;
            default -> VmState.DELETING; // STOPPING, SUSPENDING, SUSPENDED
        };
    }
}
