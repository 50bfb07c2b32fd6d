package org.skyhold.domain.model;

/**
 * Everything an operator sets on a zone: the autoscale settings of the product we replace plus the load-balance
 * strategy and the agent liveness timeouts. Optional overrides are {@code null} when unset. Durations are
 * whole seconds.
 */
public record ZoneSettings(
        String name,
        boolean scalingEnabled,
        boolean prioritizeStaticAgents,
        int standbyCores,
        int standbyGpus,
        long standbyMemoryMb,
        int downscaleBackoff,
        Integer agentCoresOverride,
        Integer agentGpusOverride,
        Integer agentMemoryOverrideGb,
        boolean registerDns,
        Long dnsProviderId,
        String baseDomainName,
        String nginxCert,
        Secret nginxKey,
        LoadBalanceStrategy loadBalanceStrategy,
        String upstreamAuthAddress,
        int provisionTimeout,
        int agentMissingAfter,
        int agentDeadAfter) {

    /** The settings of a new zone before the operator changes anything: scaling off, nothing on standby. */
    public static ZoneSettings defaults(String name) {
        return new ZoneSettings(name, false, true, 0, 0, 0, 600, null, null, null, false, null, null, null, null,
                LoadBalanceStrategy.MOST_LOADED, null, 900, 120, 600);
    }
}
