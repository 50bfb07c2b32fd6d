package org.skyhold.providers.digitalocean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.provider.VmSpec;

/**
 * Skyhold's tags in DigitalOcean's form. DigitalOcean tags are plain strings (letters, digits, {@code :},
 * {@code -}, {@code _}), so each key/value tag becomes {@code key:value}:
 * {@code skyhold-installation:<installation>}, {@code skyhold-zone:<installation>-<zone>} and
 * {@code skyhold-agent:<agent>}. The zone tag carries the installation too, because it is the tag added to the
 * zone's firewall: two installations sharing an account must not put each other's droplets behind their firewall.
 * {@link #decode} turns them back into the map of {@link VmSpec#tags}, the zone as its bare id.
 */
final class DropletTags {
    private static final String INSTALLATION = VmSpec.TAG_INSTALLATION + ":";
    private static final String ZONE = VmSpec.TAG_ZONE + ":";
    private static final String AGENT = VmSpec.TAG_AGENT + ":";

    private DropletTags() {
    }

    static String installationTag(String installationId) {
        return INSTALLATION + installationId;
    }

    static String zoneTag(String installationId, String zoneId) {
        return ZONE + installationId + "-" + zoneId;
    }

    static String agentTag(String agentId) {
        return AGENT + agentId;
    }

    /** The droplet tags of a spec's tag map (installation, zone, agent), in that order. */
    static List<String> encode(Map<String, String> tags) {
        List<String> out = new ArrayList<>();
        String installation = tags.get(VmSpec.TAG_INSTALLATION);
        if (installation != null) {
            out.add(installationTag(installation));
            if (tags.get(VmSpec.TAG_ZONE) != null) {
                out.add(zoneTag(installation, tags.get(VmSpec.TAG_ZONE)));
            }
        }
        if (tags.get(VmSpec.TAG_AGENT) != null) {
            out.add(agentTag(tags.get(VmSpec.TAG_AGENT)));
        }
        return out;
    }

    /** Skyhold's tags among a droplet's tags, as the spec's map; other tags are left out. */
    static Map<String, String> decode(Iterable<String> dropletTags) {
        Map<String, String> out = new HashMap<>();
        String zone = null;
        for (String t : dropletTags) {
            if (t.startsWith(INSTALLATION)) {
                out.put(VmSpec.TAG_INSTALLATION, t.substring(INSTALLATION.length()));
            } else if (t.startsWith(ZONE)) {
                zone = t.substring(ZONE.length());
            } else if (t.startsWith(AGENT)) {
                out.put(VmSpec.TAG_AGENT, t.substring(AGENT.length()));
            }
        }
        if (zone != null) {
            String installation = out.get(VmSpec.TAG_INSTALLATION);
            out.put(VmSpec.TAG_ZONE, installation != null && zone.startsWith(installation + "-")
                    ? zone.substring(installation.length() + 1) : zone);
        }
        return out;
    }
}
