package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/** The account's SSH keys ({@code GET /v2/account/keys}): a key's id by its name, remembered once found. */
final class SshKeys {
    private final DoHttp http;
    private volatile Long cachedId;
    private volatile String cachedName;

    SshKeys(DoHttp http) {
        this.http = http;
    }

    /** The id of the key named {@code name}; {@code BAD_CONFIG} naming it when the account has none. */
    long idOf(String name) {
        Long id = cachedId;
        if (id != null && name.equals(cachedName)) {
            return id;
        }
        for (JsonNode key : http.list("/account/keys", "ssh_keys")) {
            if (name.equals(key.path("name").asText())) {
                cachedName = name;
                cachedId = key.path("id").asLong();
                return cachedId;
            }
        }
        throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the SSH key \"" + name
                + "\" is not in the DigitalOcean account (add it under Settings > Security, or fix "
                + "digital_ocean_sshkey_name)");
    }
}
