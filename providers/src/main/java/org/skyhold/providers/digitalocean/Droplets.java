package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/**
 * Droplets: create, get, list by tag, delete, and the droplet as a {@link VmInstance}.
 *
 * <p>States: {@code new} is {@link VmState#CREATING}; {@code active} is {@link VmState#RUNNING}; {@code off}
 * (powered off, still there and billed) is {@link VmState#DELETING}, the state of a machine that is stopped or
 * being removed, so the engine neither counts it as up nor forgets it; {@code archive} (destroyed, kept only as
 * an archive) is {@link VmState#GONE}. Any other status is taken as {@code CREATING}.
 */
final class Droplets {
    private final DoHttp http;

    Droplets(DoHttp http) {
        this.http = http;
    }

    /**
     * {@code POST /v2/droplets}. A server error or a lost answer is retried, but only after looking for a droplet
     * with the agent's tag: when the first attempt made one, that one is returned instead of making a second.
     */
    VmInstance create(Map<String, Object> body, String agentTag) {
        return http.retrying(() -> toInstance(http.post("/droplets", body).path("droplet")),
                () -> listByTag(agentTag).stream().findFirst());
    }

    /** The droplet, or empty when the API says it does not exist. */
    Optional<VmInstance> get(String id) {
        if (!isDropletId(id)) {
            return Optional.empty();
        }
        return http.find("/droplets/" + id).map(a -> toInstance(a.path("droplet")));
    }

    /** Every droplet with the tag, across all pages. */
    List<VmInstance> listByTag(String tag) {
        List<VmInstance> out = new ArrayList<>();
        for (JsonNode d : http.list("/droplets", "droplets", "tag_name", tag)) {
            out.add(toInstance(d));
        }
        return out;
    }

    /** {@code DELETE /v2/droplets/{id}}; a droplet that is gone already is success. */
    void delete(String id) {
        if (isDropletId(id)) {
            http.delete("/droplets/" + id);
        }
    }

    /** Droplet ids are numbers; anything else cannot name a droplet (and must not reach a URL). */
    static boolean isDropletId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 19 && id.chars().allMatch(Character::isDigit);
    }

    static VmInstance toInstance(JsonNode d) {
        String publicIp = null;
        String privateIp = null;
        for (JsonNode n : d.path("networks").path("v4")) {
            String ip = n.path("ip_address").asText(null);
            if ("public".equals(n.path("type").asText()) && publicIp == null) {
                publicIp = ip;
            } else if ("private".equals(n.path("type").asText()) && privateIp == null) {
                privateIp = ip;
            }
        }
        List<String> tags = new ArrayList<>();
        d.path("tags").forEach(t -> tags.add(t.asText()));
        return new VmInstance(d.path("id").asText(), state(d.path("status").asText()), publicIp, privateIp,
                DropletTags.decode(tags));
    }

    static VmState state(String status) {
        return switch (status) {
            case "active" -> VmState.RUNNING;
            case "off" -> VmState.DELETING;
            case "archive" -> VmState.GONE;
            default -> VmState.CREATING;
        };
    }
}
