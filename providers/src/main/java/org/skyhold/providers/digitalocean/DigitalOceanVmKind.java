package org.skyhold.providers.digitalocean;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.kind.CloudTag;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.provider.VmProvider;

/** The {@code digitalocean} VM kind: agents on droplets. */
public final class DigitalOceanVmKind implements VmProviderKind {
    private final Clock clock;

    /** @param clock rate-limit reset times are measured against it */
    public DigitalOceanVmKind(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return "digitalocean";
    }

    @Override
    public String displayName() {
        return "DigitalOcean";
    }

    @Override
    public List<FieldSpec> fields() {
        return DigitalOceanFields.DROPLETS;
    }

    @Override
    public int userDataLimit() {
        return DigitalOceanVmProvider.USER_DATA_LIMIT;
    }

    @Override
    public Optional<FieldSpec> customTagsField() {
        return Optional.of(DigitalOceanFields.TAGS);
    }

    /** Droplet tags are plain strings: Skyhold's are written {@code key:value} as {@link DropletTags} makes them. */
    @Override
    public List<CloudTag> cloudTags(Map<String, String> skyholdTags, ProviderFields fields, String providerName) {
        List<CloudTag> tags = new ArrayList<>();
        DropletTags.encode(skyholdTags).stream().sorted().forEach(t -> tags.add(new CloudTag(t, null, "Skyhold")));
        fields.strings(DigitalOceanFields.TAGS)
                .forEach(t -> tags.add(new CloudTag(t, null, "provider " + providerName)));
        return tags;
    }

    @Override
    public void validate(KindSettings settings) {
        DropletSettings.read(settings);
    }

    @Override
    public VmProvider create(KindSettings settings) {
        return new DigitalOceanVmProvider(settings, clock);
    }
}
