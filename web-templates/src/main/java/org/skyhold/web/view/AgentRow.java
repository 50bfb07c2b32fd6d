package org.skyhold.web.view;

/**
 * One agent as the agents pages show it, every value already worded for the operator ("running for 3 min",
 * "4 cores · 0 GPUs · 8192 MB", "—" for nothing known). {@code drainQuestion} and {@code destroyQuestion} are
 * what the confirmation asks; {@code destroyLabel} is "Destroy" for a VM and "Remove" for a static machine,
 * which Skyhold only forgets. A null question means the action does not apply in the agent's state.
 */
public record AgentRow(String id, String name, long zoneId, String zoneName, String provider, boolean isStatic,
                       String state, String stateFor, String instanceId, String address, String publicIp,
                       String privateIp, String dnsName, String capacity, int sessions, String age, String created,
                       String lastSeen, String checkedIn, String lastHeartbeat, String destroyed, String lastError,
                       String drainQuestion, String destroyQuestion, String destroyLabel) {

    public boolean canDrain() {
        return drainQuestion != null;
    }

    public boolean canDestroy() {
        return destroyQuestion != null;
    }
}
