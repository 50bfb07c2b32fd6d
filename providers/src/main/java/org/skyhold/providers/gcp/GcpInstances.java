package org.skyhold.providers.gcp;

import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.NetworkInterface;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/** A Compute instance as the engine sees it: its name as the id, its state in the small vocabulary, its IPs. */
final class GcpInstances {
    private GcpInstances() {
    }

    static VmInstance view(Instance i) {
        String privateIp = null;
        String publicIp = null;
        if (i.getNetworkInterfacesCount() > 0) {
            NetworkInterface nic = i.getNetworkInterfaces(0);
            privateIp = nic.getNetworkIP().isEmpty() ? null : nic.getNetworkIP();
            for (AccessConfig a : nic.getAccessConfigsList()) {
                if (!a.getNatIP().isEmpty()) {
                    publicIp = a.getNatIP(); // assigned once the instance runs
                    break;
                }
            }
        }
        return new VmInstance(i.getName(), state(i.getStatus()), publicIp, privateIp, i.getLabelsMap());
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
