package org.skyhold.providers.azure;

import java.util.Locale;

/**
 * The names of one agent's Azure resources, all made from its agent id, never by the SDK's random names: a
 * retried create PUTs the same resources again instead of making new ones, and a delete finds every one of them
 * from the VM's name alone.
 */
record AzureNames(String vm) {
    static final String PREFIX = "skyhold-";

    static AzureNames ofAgent(String agentId) {
        String clean = agentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return new AzureNames(PREFIX + (clean.length() > 48 ? clean.substring(0, 48) : clean));
    }

    String nic() {
        return vm + "-nic";
    }

    String publicIp() {
        return vm + "-ip";
    }

    String osDisk() {
        return vm + "-osdisk";
    }
}
