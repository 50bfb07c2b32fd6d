package org.skyhold.app.pages;

import java.util.List;
import java.util.TreeMap;
import org.skyhold.domain.kind.CloudTag;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.web.view.AgentTag;

/**
 * The cloud tags of an agent's VM as its kind writes them ({@link org.skyhold.domain.kind.VmProviderKind#cloudTags}):
 * the three Skyhold finds its VMs by ({@link VmSpec#tags}), then the custom tags of its provider's settings. Those
 * are read from the settings as they are now; a VM keeps the tags it was created with.
 */
final class AgentTags {
    private final String installationId;
    private final ProviderCatalog catalog;

    AgentTags(String installationId, ProviderCatalog catalog) {
        this.installationId = installationId;
        this.catalog = catalog;
    }

    /**
     * Empty for a static agent: Skyhold created no VM for it, so it carries no tags of ours. The agent of a deleted
     * provider, or of a kind this build does not have, shows Skyhold's tags as key and value.
     */
    List<AgentTag> of(Agent agent, VmProviderConfig provider) {
        if (!agent.autoscaled()) {
            return List.of();
        }
        var ours = VmSpec.tags(installationId, agent.zoneId(), agent.id());
        var kind = provider == null ? null : catalog.vm(provider.kind()).orElse(null);
        List<CloudTag> tags = kind == null
                ? new TreeMap<>(ours).entrySet().stream().map(e -> new CloudTag(e.getKey(), e.getValue(), "Skyhold"))
                        .toList()
                : kind.cloudTags(ours, provider.settings().fields(), provider.name());
        return tags.stream().map(t -> new AgentTag(t.key(), t.value(), t.source())).toList();
    }

    KindLabels labels() {
        return new KindLabels(catalog);
    }
}
