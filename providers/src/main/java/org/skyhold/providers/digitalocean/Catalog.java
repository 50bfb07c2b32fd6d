package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What the account offers: the account itself, regions, sizes, images and VPCs, looked up by slug or id. */
final class Catalog {
    private final DoHttp http;

    Catalog(DoHttp http) {
        this.http = http;
    }

    /** {@code GET /v2/account}: the account object (email, droplet_limit, status). */
    JsonNode account() {
        return http.get("/account").path("account");
    }

    Optional<JsonNode> region(String slug) {
        return http.list("/regions", "regions").stream().filter(r -> slug.equals(r.path("slug").asText()))
                .findFirst();
    }

    Optional<JsonNode> size(String slug) {
        return http.list("/sizes", "sizes").stream().filter(s -> slug.equals(s.path("slug").asText())).findFirst();
    }

    /** An image by slug or numeric id. */
    Optional<JsonNode> image(String slugOrId) {
        if (!slugOrId.matches("[A-Za-z0-9._-]{1,255}")) {
            return Optional.empty();
        }
        return http.find("/images/" + slugOrId).map(a -> a.path("image"));
    }

    Optional<JsonNode> vpc(String uuid) {
        if (!uuid.matches("[0-9a-fA-F-]{36}")) {
            return Optional.empty();
        }
        return http.find("/vpcs/" + uuid).map(a -> a.path("vpc"));
    }
}
