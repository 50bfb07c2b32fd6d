package org.skyhold.providers.oci;

import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.core.VirtualNetworkClient;
import com.oracle.bmc.core.model.Instance;
import com.oracle.bmc.core.model.InstanceShapeConfig;
import com.oracle.bmc.core.model.Vnic;
import com.oracle.bmc.core.model.VnicAttachment;
import com.oracle.bmc.core.requests.GetVnicRequest;
import com.oracle.bmc.core.requests.ListVnicAttachmentsRequest;
import com.oracle.bmc.model.BmcException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/** How an OCI instance reads in the engine's vocabulary, and where its addresses are. */
final class OciInstances {
    private static final String COMPUTE = "OCI Compute";
    private static final String NETWORK = "OCI VirtualNetwork";

    private OciInstances() {
    }

    /** OCI's lifecycle states: stopping and stopped, like terminating, are on the way out. */
    static VmState state(Instance.LifecycleState s) {
        if (s == null) {
            return VmState.CREATING;
        }
        return switch (s) {
            case Running -> VmState.RUNNING;
            case Stopping, Stopped, Terminating -> VmState.DELETING;
            case Terminated -> VmState.GONE;
            default -> VmState.CREATING; // Provisioning, Starting, Moving, CreatingImage, and states added later
        };
    }

    /** The instance without its addresses (OCI puts them on the VNIC, not the instance). */
    static VmInstance view(Instance i) {
        return new VmInstance(i.getId(), state(i.getLifecycleState()), null, null, i.getFreeformTags());
    }

    /**
     * The instance with the addresses of its primary VNIC, looked up only once it runs: OCI assigns the public IP
     * during boot, and the engine names the agent in DNS after the first address it is told. The primary VNIC's id
     * is remembered in {@code vnics} by instance, so a later look needs one call instead of one per attachment.
     */
    static VmInstance withAddresses(Instance i, ComputeClient compute, VirtualNetworkClient network,
                                    OciErrors errors, Map<String, String> vnics) {
        VmInstance bare = view(i);
        if (bare.state() != VmState.RUNNING) {
            vnics.remove(i.getId());
            return bare;
        }
        Vnic primary = null;
        String known = vnics.get(i.getId());
        if (known != null) {
            try {
                primary = network.getVnic(GetVnicRequest.builder().vnicId(known).build()).getVnic();
            } catch (BmcException e) {
                if (!OciErrors.isNotFound(e)) {
                    throw errors.of(e, NETWORK);
                }
                vnics.remove(i.getId()); // replaced: look the attachments up again
            }
        }
        if (primary == null) {
            primary = primaryVnic(i, compute, network, errors);
        }
        if (primary == null) {
            return bare;
        }
        vnics.put(i.getId(), primary.getId());
        return new VmInstance(bare.instanceId(), bare.state(), blankToNull(primary.getPublicIp()),
                blankToNull(primary.getPrivateIp()), bare.tags());
    }

    private static Vnic primaryVnic(Instance i, ComputeClient compute, VirtualNetworkClient network,
                                    OciErrors errors) {
        List<VnicAttachment> attachments = errors.call(COMPUTE, () -> compute.listVnicAttachments(
                ListVnicAttachmentsRequest.builder().compartmentId(i.getCompartmentId()).instanceId(i.getId())
                        .build()).getItems());
        Vnic primary = null;
        for (VnicAttachment a : attachments) {
            if (a.getLifecycleState() != VnicAttachment.LifecycleState.Attached || a.getVnicId() == null) {
                continue;
            }
            Vnic v = vnic(network, errors, a.getVnicId());
            if (Boolean.TRUE.equals(v.getIsPrimary())) {
                return v;
            }
            if (primary == null) {
                primary = v;
            }
        }
        return primary;
    }

    private static Vnic vnic(VirtualNetworkClient network, OciErrors errors, String id) {
        return errors.call(NETWORK, () -> network.getVnic(GetVnicRequest.builder().vnicId(id).build()).getVnic());
    }

    /** One agent's size from an instance's shape config, when OCI told it (vCPUs, memory and GPUs). */
    static Optional<Capacity> capacity(Instance i) {
        InstanceShapeConfig c = i.getShapeConfig();
        if (c == null || c.getVcpus() == null || c.getMemoryInGBs() == null) {
            return Optional.empty();
        }
        return Optional.of(new Capacity(c.getVcpus(), c.getGpus() == null ? 0 : c.getGpus(),
                Math.round(c.getMemoryInGBs() * 1024.0)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
