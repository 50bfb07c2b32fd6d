package org.skyhold.providers.aws;

import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/** How an EC2 instance reads in the engine's vocabulary. */
final class Ec2Instances {
    private Ec2Instances() {
    }

    /**
     * The instance as the engine sees it. Its IPs are told only once it is past {@code pending}: EC2 gives a
     * pending instance its private address at once and its public one later during boot, and the engine registers
     * the agent's DNS name on the first address it learns, which must be the public one when there is one.
     */
    static VmInstance view(Instance i) {
        VmState state = state(i.state() == null ? null : i.state().nameAsString());
        Map<String, String> tags = new HashMap<>();
        for (Tag t : i.tags()) {
            tags.put(t.key(), t.value());
        }
        boolean booted = state != VmState.CREATING;
        return new VmInstance(i.instanceId(), state, booted ? blankToNull(i.publicIpAddress()) : null,
                booted ? blankToNull(i.privateIpAddress()) : null, tags);
    }

    /** EC2's instance states: pending is creating; stopping and stopped, like shutting-down, are on the way out. */
    static VmState state(String name) {
        if (name == null) {
            return VmState.CREATING;
        }
        return switch (name) {
            case "pending" -> VmState.CREATING;
            case "running" -> VmState.RUNNING;
            case "shutting-down", "stopping", "stopped" -> VmState.DELETING;
            case "terminated" -> VmState.GONE;
            default -> VmState.CREATING;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
