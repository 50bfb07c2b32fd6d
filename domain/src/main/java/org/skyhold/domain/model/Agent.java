package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A VM (autoscaled) or a registered machine (static) that hosts sessions. {@code providerConfigId} is null for a
 * static agent. Capacity is what the agent reported at check-in (or was registered with).
 */
public record Agent(
        String id,
        long zoneId,
        Long providerConfigId,
        boolean autoscaled,
        String name,
        AgentState state,
        String instanceId,
        String address,
        String publicIp,
        String privateIp,
        String dnsName,
        Capacity capacity,
        Instant createdAt,
        Instant stateChangedAt,
        Instant checkedInAt,
        Instant lastHeartbeatAt,
        Instant destroyedAt,
        String lastError) {

    /** Where clients reach the agent: its DNS name when registered, else its address or IP. */
    public String reachableAddress() {
        return reachableAddress(dnsName, address, publicIp, privateIp);
    }

    /** {@link #reachableAddress()} from the columns alone, for reads that do not build the whole agent. */
    public static String reachableAddress(String dnsName, String address, String publicIp, String privateIp) {
        if (dnsName != null) {
            return dnsName;
        }
        if (address != null) {
            return address;
        }
        return publicIp != null ? publicIp : privateIp;
    }

    public Agent withState(AgentState newState, Instant at) {
        return new Agent(id, zoneId, providerConfigId, autoscaled, name, newState, instanceId, address, publicIp,
                privateIp, dnsName, capacity, createdAt, at, checkedInAt, lastHeartbeatAt,
                newState == AgentState.DESTROYED ? at : destroyedAt, lastError);
    }
}
