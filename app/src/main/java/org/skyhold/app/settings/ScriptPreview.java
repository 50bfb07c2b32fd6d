package org.skyhold.app.settings;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.script.ScriptTemplateException;
import org.skyhold.domain.script.StartupScript;

/**
 * Renders a startup script as a new agent of the zone would receive it, with an example agent id and token, so
 * the operator sees the result before saving. The NGINX key stays a placeholder: a preview shows no secret.
 */
public final class ScriptPreview {
    private ScriptPreview() {
    }

    /** The rendering and its size against the kind's user-data limit. */
    public record Result(String rendered, int bytes, int limit) {
    }

    /** @throws ValidationException naming {@code startup_script} and the line when the template does not parse */
    public static Result render(Zone zone, VmProviderKind kind, String providerName, String script, String publicUrl) {
        StartupScript parsed;
        try {
            parsed = StartupScript.parse(script == null ? "" : script);
        } catch (ScriptTemplateException e) {
            throw ValidationException.of("startup_script", e.getMessage());
        }
        var s = zone.settings();
        String id = "agexample001";
        Map<String, String> v = new HashMap<>();
        v.put("server_id", id);
        v.put("server_hostname", "skyhold-" + id);
        v.put("server_external_fqdn", s.baseDomainName() == null ? "" : id + "." + s.baseDomainName());
        v.put("provider_name", providerName == null ? "" : providerName);
        v.put("upstream_auth_address", s.upstreamAuthAddress() == null ? "" : s.upstreamAuthAddress());
        v.put("nginx_cert_in", s.nginxCert() == null ? "" : s.nginxCert());
        v.put("nginx_key_in", s.nginxKey() == null ? "" : "(the zone's NGINX key: set, not shown in a preview)");
        v.put("checkin_url", publicUrl + "/api/v1/agent/checkin");
        v.put("checkin_token", "(a one-time token made for each agent)");
        v.put("zone_name", zone.name());
        String rendered = parsed.render(v);
        return new Result(rendered, rendered.getBytes(StandardCharsets.UTF_8).length,
                kind.userDataLimit());
    }
}
