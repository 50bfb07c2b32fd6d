package org.skyhold.app.settings;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DnsProviderConfigRepository;

/** Checks that span several zone fields, after each field has parsed on its own. */
final class ZoneRules {
    private ZoneRules() {
    }

    static void check(ZoneSettings s, DnsProviderConfigRepository dnsProviders, List<FieldError> errors) {
        if (s.agentDeadAfter() < s.agentMissingAfter()) {
            errors.add(new FieldError("agent_dead_after", "must be at least agent_missing_after ("
                    + s.agentMissingAfter() + ")"));
        }
        if (s.dnsProviderId() != null && dnsProviders.find(s.dnsProviderId()).isEmpty()) {
            errors.add(new FieldError("dns_provider_id", "names no DNS provider"));
        }
        if (s.registerDns()) {
            if (s.dnsProviderId() == null) {
                errors.add(new FieldError("dns_provider_id", "is required when register_dns is on"));
            }
            if (s.baseDomainName() == null) {
                errors.add(new FieldError("base_domain_name", "is required when register_dns is on"));
            }
        }
        if (s.nginxKey() != null && s.nginxCert() == null) {
            errors.add(new FieldError("nginx_cert", "is required with nginx_key"));
        }
        if (s.nginxKey() != null && s.nginxCert() != null) {
            PrivateKey key = Pems.privateKey(s.nginxKey().reveal());
            X509Certificate leaf = Pems.certificates(s.nginxCert()).get(0);
            if (!Pems.keyMatches(key, leaf)) {
                errors.add(new FieldError("nginx_key", "does not match the certificate in nginx_cert"));
            }
        }
    }
}
