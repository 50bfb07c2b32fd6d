package org.skyhold.app.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.script.ScriptTemplateException;
import org.skyhold.domain.script.StartupScript;

/**
 * Checks a provider's startup script when it is saved: it parses (unknown names are refused with name and
 * line), and rendered for the longest values it can receive in this zone it fits the kind's user-data limit
 * (a kind this build does not have is checked for parsing only).
 */
final class StartupScriptCheck {
    private static final int LONGEST_AGENT_ID = 41;
    private static final int TOKEN_LENGTH = 43;

    private StartupScriptCheck() {
    }

    static void check(String script, VmProviderKind kind, Zone zone, String providerName, String publicUrl,
                      List<FieldError> errors) {
        StartupScript parsed;
        try {
            parsed = StartupScript.parse(script == null ? "" : script);
        } catch (ScriptTemplateException e) {
            errors.add(new FieldError("startup_script", e.getMessage()));
            return;
        }
        if (kind == null) {
            return;
        }
        int size = parsed.render(longestValues(zone, providerName, publicUrl))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int limit = kind.userDataLimit();
        if (size > limit) {
            errors.add(new FieldError("startup_script", "renders to up to " + size + " bytes in zone " + zone.name()
                    + ", over the " + limit + "-byte user-data limit of " + kind.id()));
        }
    }

    private static Map<String, String> longestValues(Zone zone, String providerName, String publicUrl) {
        var s = zone.settings();
        String id = "x".repeat(LONGEST_AGENT_ID);
        String domain = s.baseDomainName() == null ? "" : s.baseDomainName();
        Map<String, String> v = new HashMap<>();
        v.put("server_id", id);
        v.put("server_hostname", "skyhold-" + id);
        v.put("server_external_fqdn", id + "." + domain);
        v.put("provider_name", providerName == null ? "" : providerName);
        v.put("upstream_auth_address", s.upstreamAuthAddress() == null ? "" : s.upstreamAuthAddress());
        v.put("nginx_cert_in", s.nginxCert() == null ? "" : s.nginxCert());
        v.put("nginx_key_in", s.nginxKey() == null ? "" : "k".repeat(s.nginxKey().reveal().length()));
        v.put("checkin_url", publicUrl + "/api/v1/agents/" + id + "/checkin");
        v.put("checkin_token", "t".repeat(TOKEN_LENGTH));
        v.put("zone_name", zone.name());
        return v;
    }
}
