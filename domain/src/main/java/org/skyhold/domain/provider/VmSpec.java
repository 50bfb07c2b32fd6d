package org.skyhold.domain.provider;

import java.util.Map;

/**
 * What to create: one VM for one agent. {@code idempotencyKey} is derived from the agent id, so a retried create
 * makes no second VM where the cloud supports it. {@code userData} is the rendered startup script. The check-in
 * URL and token are also given apart, for providers that boot their own agents (the simulated one).
 */
public record VmSpec(String agentId, String hostname, String userData, Map<String, String> tags,
                     String idempotencyKey, String checkinUrl, String checkinToken) {
    public VmSpec {
        tags = Map.copyOf(tags);
    }

    /** The tags every Skyhold VM carries, naming the installation, zone and agent. */
    public static Map<String, String> tags(String installationId, long zoneId, String agentId) {
        return Map.of(TAG_INSTALLATION, installationId, TAG_ZONE, Long.toString(zoneId), TAG_AGENT, agentId);
    }

    public static final String TAG_INSTALLATION = "skyhold-installation";
    public static final String TAG_ZONE = "skyhold-zone";
    public static final String TAG_AGENT = "skyhold-agent";
}
