package org.skyhold.domain.engine;

import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;

/** The values of the startup-script variables (DESIGN.md §5) for one new agent. */
final class ScriptValues {
    private ScriptValues() {
    }

    static Map<String, String> of(Zone zone, VmProviderConfig provider, String agentId, String hostname,
                                  String checkinUrl, String checkinToken) {
        var s = zone.settings();
        Map<String, String> v = new HashMap<>();
        v.put("server_id", agentId);
        v.put("server_hostname", hostname);
        v.put("server_external_fqdn", s.baseDomainName() == null ? "" : agentId + "." + s.baseDomainName());
        v.put("provider_name", provider.name());
        v.put("upstream_auth_address", s.upstreamAuthAddress() == null ? "" : s.upstreamAuthAddress());
        v.put("nginx_cert_in", s.nginxCert() == null ? "" : s.nginxCert());
        // opened only for a script that asks for it: the key is a stored secret, opened on first use
        boolean wantsKey = provider.settings().startupScript() != null
                && provider.settings().startupScript().contains("{nginx_key_in}");
        v.put("nginx_key_in", s.nginxKey() == null || !wantsKey ? "" : s.nginxKey().reveal());
        v.put("checkin_url", checkinUrl);
        v.put("checkin_token", checkinToken);
        v.put("zone_name", zone.name());
        return v;
    }
}
