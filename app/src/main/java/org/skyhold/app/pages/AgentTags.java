package org.skyhold.app.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderKind;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.web.view.AgentTag;

/**
 * The cloud tags of an agent's VM: the three Skyhold finds its VMs by ({@link VmSpec#tags}), then the custom tags
 * of its provider's settings. Those are read from the settings as they are now; a VM keeps the tags it was
 * created with.
 */
final class AgentTags {
    /** The settings field holding each kind's custom tags (a JSON object, or for DigitalOcean a JSON list). */
    private static final Map<VmProviderKind, String> CUSTOM = Map.of(
            VmProviderKind.AWS, "aws_ec2_custom_tags",
            VmProviderKind.DIGITALOCEAN, "digital_ocean_tags",
            VmProviderKind.OCI, "oci_custom_tags",
            VmProviderKind.GCP, "gcp_custom_labels",
            VmProviderKind.AZURE, "azure_tags");

    private final ObjectMapper json;
    private final String installationId;

    AgentTags(ObjectMapper json, String installationId) {
        this.json = json;
        this.installationId = installationId;
    }

    /** Empty for a static agent: Skyhold created no VM for it, so it carries no tags of ours. */
    List<AgentTag> of(Agent agent, VmProviderConfig provider) {
        List<AgentTag> tags = new ArrayList<>();
        if (!agent.autoscaled()) {
            return tags;
        }
        Map<String, String> ours = new TreeMap<>(VmSpec.tags(installationId, agent.zoneId(), agent.id()));
        if (provider != null && provider.kind() == VmProviderKind.DIGITALOCEAN) {
            // droplet tags are plain strings: the provider writes each as key:value, the zone's with the
            // installation in front (see DropletTags), so that is what the cloud console shows
            ours.put(VmSpec.TAG_ZONE, installationId + "-" + agent.zoneId());
            ours.forEach((k, v) -> tags.add(new AgentTag(k + ":" + v, null, "Skyhold")));
        } else {
            ours.forEach((k, v) -> tags.add(new AgentTag(k, v, "Skyhold")));
        }
        String field = provider == null ? null : CUSTOM.get(provider.kind());
        String text = field == null ? null : provider.settings().fields().get(field);
        if (text == null || text.isBlank()) {
            return tags;
        }
        String source = "provider " + provider.name();
        try {
            JsonNode node = json.readTree(text);
            if (node.isArray()) {
                node.forEach(t -> tags.add(new AgentTag(t.asText(), null, source)));
            } else {
                node.fields().forEachRemaining(e -> tags.add(new AgentTag(e.getKey(), e.getValue().asText(), source)));
            }
        } catch (JsonProcessingException e) {
            // the settings were checked when saved; a value that no longer parses is shown rather than hidden
            tags.add(new AgentTag(field, text, source + " (not readable as JSON)"));
        }
        return tags;
    }
}
