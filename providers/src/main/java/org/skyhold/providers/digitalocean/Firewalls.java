package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Cloud firewalls ({@code GET /v2/firewalls}): the configured one is found by name and the zone's tag is added to
 * it ({@code POST /v2/firewalls/{id}/tags}), so every droplet with that tag is behind it. A tag once seen on the
 * firewall is remembered for the life of the client.
 */
final class Firewalls {
    private final DoHttp http;
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    Firewalls(DoHttp http) {
        this.http = http;
    }

    /** The firewall named {@code name}; {@code BAD_CONFIG} naming it when there is none. */
    JsonNode byName(String name) {
        for (JsonNode fw : http.list("/firewalls", "firewalls")) {
            if (name.equals(fw.path("name").asText())) {
                return fw;
            }
        }
        throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the firewall \"" + name
                + "\" does not exist in the DigitalOcean account (create it under Networking > Firewalls, or fix "
                + "digital_ocean_firewall_name)");
    }

    /** Adds {@code tag} (which must exist) to the firewall named {@code name}, unless it has it already. */
    void ensureTagged(String name, String tag) {
        if (tagged.contains(name + "\n" + tag)) {
            return;
        }
        JsonNode fw = byName(name);
        boolean has = false;
        for (JsonNode t : fw.path("tags")) {
            has |= tag.equals(t.asText());
        }
        if (!has) {
            http.postIdempotent("/firewalls/" + fw.path("id").asText() + "/tags", Map.of("tags", List.of(tag)));
        }
        tagged.add(name + "\n" + tag);
    }
}
