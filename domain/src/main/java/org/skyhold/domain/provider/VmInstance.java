package org.skyhold.domain.provider;

import java.util.Map;

/** A cloud VM as a provider describes it; IPs are null while unknown. */
public record VmInstance(String instanceId, VmState state, String publicIp, String privateIp, Map<String, String> tags) {
    public VmInstance {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
