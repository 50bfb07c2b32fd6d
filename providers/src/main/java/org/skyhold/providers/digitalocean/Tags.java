package org.skyhold.providers.digitalocean;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tags, created before they are used ({@code POST /v2/tags}; a tag that exists already is fine). The product we
 * replace failed with "tag ... does not exist" when it tagged a firewall with a zone tag nobody had created; here
 * every tag Skyhold puts on a droplet or a firewall exists first. Tags known to exist are remembered for the life
 * of the client (a changed config builds a new one).
 */
final class Tags {
    private final DoHttp http;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    Tags(DoHttp http) {
        this.http = http;
    }

    /** Creates each tag that this client has not seen exist yet. */
    void ensure(Collection<String> names) {
        for (String name : names) {
            if (known.contains(name)) {
                continue;
            }
            try {
                http.postIdempotent("/tags", Map.of("name", name));
            } catch (DoApiException e) {
                if (!alreadyExists(e)) {
                    throw e;
                }
            }
            known.add(name);
        }
    }

    private static boolean alreadyExists(DoApiException e) {
        return (e.status() == 409 || e.status() == 422)
                && e.getMessage().toLowerCase(Locale.ROOT).contains("already exist");
    }
}
