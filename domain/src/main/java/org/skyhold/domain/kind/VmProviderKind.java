package org.skyhold.domain.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.skyhold.domain.provider.VmProvider;

/**
 * One cloud's VM provider kind, described once in its own package under {@code providers}: everything the
 * pages, the JSON API, the settings check and the registry need to know of it. Listed in the
 * {@link ProviderCatalog}; nothing outside the kind's package names its fields. Implementations are immutable
 * and thread-safe.
 */
public interface VmProviderKind {
    /** The wire id stored with each provider and sent in JSON ({@code aws}, {@code digitalocean}); never changes. */
    String id();

    /** The cloud's product name for pages ("Amazon EC2"). */
    String displayName();

    /** The kind's own fields in page order (the common fields are the engine's and not listed here). */
    List<FieldSpec> fields();

    /** A new provider's values of the kind's fields before the operator's input, as raw text; usually empty. */
    default Map<String, String> defaults() {
        return Map.of();
    }

    /** The most bytes of rendered startup script (user data) the cloud accepts, before any base64 it adds. */
    int userDataLimit();

    /** The field holding the operator's custom tags or labels, if the kind has one. */
    Optional<FieldSpec> customTagsField();

    /**
     * The tags an agent's VM carries as the cloud shows them: Skyhold's own ({@code skyholdTags}, from
     * {@link org.skyhold.domain.provider.VmSpec#tags}), then the provider's custom ones. The default writes
     * key/value pairs; kinds whose tags are plain strings override it. Pure: no cloud call.
     */
    default List<CloudTag> cloudTags(Map<String, String> skyholdTags, ProviderFields fields, String providerName) {
        List<CloudTag> tags = new ArrayList<>();
        new TreeMap<>(skyholdTags).forEach((k, v) -> tags.add(new CloudTag(k, v, "Skyhold")));
        customTagsField().ifPresent(f -> {
            Object custom = fields.json(f);
            if (custom instanceof Map<?, ?> map) {
                map.forEach((k, v) -> tags.add(new CloudTag(k.toString(), String.valueOf(v), "provider " + providerName)));
            } else if (custom instanceof List<?> list) {
                list.forEach(t -> tags.add(new CloudTag(t.toString(), null, "provider " + providerName)));
            }
        });
        return tags;
    }

    /**
     * Reads the settings with the kind's typed reader, the same one {@link #create} uses, so "saved" means "the
     * provider can read it". Runs on every save after each field passed its own {@link FieldSpec} checks; checks
     * what spans fields. No cloud call.
     *
     * @throws InvalidFieldException naming the field at fault
     */
    void validate(KindSettings settings);

    /**
     * Builds a provider for these settings. Cheap and non-blocking (no cloud call); the registry keeps the
     * instance until the settings change and closes it then when it is {@link AutoCloseable}.
     *
     * @throws org.skyhold.domain.provider.ProviderException ({@code BAD_CONFIG}) when the settings cannot be read
     */
    VmProvider create(KindSettings settings);
}
