package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.CertificateInfo;
import org.skyhold.app.settings.DnsProviderService;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.VmProviderService;
import org.skyhold.app.settings.ZoneFields;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.web.view.CertificateView;
import org.skyhold.web.view.FormView;
import org.skyhold.web.view.ProviderRow;

/**
 * Gathers what the zone pages show (the live dashboard, the zone's settings form, its certificate, its VM
 * providers, the DNS providers it can pick) so {@link ZonePages}' handlers stay parse, call, render.
 */
final class ZonePageModel {
    /** The zone form's headings, in the order an operator sets a zone up. */
    private static final Map<String, List<String>> LAYOUT = layout();

    private final ZoneService zones;
    private final VmProviderService vmProviders;
    private final DnsProviderService dnsProviders;
    private final Clock clock;
    private final ZoneDashboardModel dashboard;
    private final KindLabels kinds;
    private final ScheduleModel schedules;

    ZonePageModel(ZoneService zones, VmProviderService vmProviders, DnsProviderService dnsProviders, Clock clock,
                  ZoneDashboardModel dashboard, ScheduleModel schedules) {
        this.schedules = schedules;
        this.zones = zones;
        this.vmProviders = vmProviders;
        this.dnsProviders = dnsProviders;
        this.clock = clock;
        this.dashboard = dashboard;
        this.kinds = new KindLabels(vmProviders.catalog());
    }

    /** The new-zone form: defaults, overlaid with what the operator typed when a create was refused. */
    Map<String, Object> newZone(Context ctx, Map<String, String> typed, List<FieldError> errors) {
        Map<String, String> values = Forms.overlay(ZoneFields.values(ZoneSettings.defaults(null)), typed);
        FormView form = withDnsChoices(Forms.view("/zones", "Create zone", ZoneFields.ALL, values,
                Set.of(), errors));
        Map<String, Object> model = new HashMap<>();
        model.put("page", Pages.context(ctx, "New zone"));
        model.put("form", form);
        model.put("groups", Forms.groups(form, LAYOUT));
        return model;
    }

    /** The zone page; {@code typed} and {@code errors} are those of a refused save, or empty. */
    Map<String, Object> zone(Context ctx, long id, Map<String, String> typed, List<FieldError> errors) {
        Zone zone = zones.get(id);
        ZoneSettings s = zone.settings();
        FormView form = withDnsChoices(Forms.view("/zones/" + id, "Save settings", ZoneFields.ALL,
                Forms.overlay(ZoneFields.values(s), typed), ZoneFields.secrets(s).keySet(), errors));
        Instant now = clock.instant();
        Map<String, Object> model = new HashMap<>();
        model.put("page", Pages.context(ctx, zone.name()));
        model.put("zoneId", id);
        model.put("zoneName", zone.name());
        model.put("form", form);
        model.put("groups", Forms.groups(form, LAYOUT));
        model.put("certificate", certificate(CertificateInfo.of(s.nginxCert(), s.baseDomainName(), now)));
        Map<Long, Duration> boots = schedules.bootTimes(id);
        model.put("providers", vmProviders.list(id).stream().map(p -> withBootTime(row(p, now), boots.get(p.id())))
                .toList());
        model.put("schedule", schedules.section(zone));
        model.put("kinds", kinds.vmKinds());
        model.put("dashboard", dashboard.dashboard(zone)
                .orElseThrow(() -> new NotFoundException("no zone " + id)));
        return model;
    }

    /** The DNS provider field as a choice of the providers that exist, by name, rather than a bare number. */
    private FormView withDnsChoices(FormView form) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (DnsProviderConfig p : dnsProviders.list()) {
            labels.put(Long.toString(p.id()), p.name() + " (" + kinds.dns(p.settings().kind()) + ")");
        }
        return Forms.withChoices(form, "dns_provider_id", labels);
    }

    private static CertificateView certificate(CertificateInfo info) {
        return info == null ? null : new CertificateView(info.subject(), info.subjectAltNames(),
                info.notAfter().truncatedTo(ChronoUnit.SECONDS).toString(), info.warning());
    }

    private ProviderRow row(VmProviderConfig p, Instant now) {
        return new ProviderRow(p.id(), p.name(), kinds.vm(p.kind()), p.settings().enabled(), p.settings().priority(),
                p.settings().maxInstances(), health(p.health(), now), !p.health().backingOffAt(now));
    }

    private static ProviderRow withBootTime(ProviderRow r, Duration boot) {
        return boot == null ? r : new ProviderRow(r.id(), r.name(), r.kind(), r.enabled(), r.priority(),
                r.maxInstances(), r.health(), r.healthy(), Durations.of(boot));
    }

    /** The executor's view of the provider as a sentence: healthy, or backing off and why. */
    private static String health(ProviderHealth h, Instant now) {
        if (h.backingOffAt(now)) {
            return ProviderStatuses.backoff(h);
        }
        String error = ProviderStatuses.lastError(h);
        return error == null ? "healthy" : "healthy again; last error " + error;
    }

    private static Map<String, List<String>> layout() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Zone", List.of("name", "scaling_enabled", "prioritize_static_agents", "load_balance_strategy"));
        m.put("Standby capacity", List.of("standby_cores", "standby_gpus", "standby_memory_mb", "downscale_backoff"));
        m.put("Agent capacity overrides", List.of("agent_cores_override", "agent_gpus_override",
                "agent_memory_override_gb"));
        m.put("DNS and TLS", List.of("register_dns", "dns_provider_id", "base_domain_name", "nginx_cert",
                "nginx_key"));
        m.put("Agents", List.of("upstream_auth_address", "provision_timeout", "agent_missing_after",
                "agent_dead_after"));
        return m;
    }
}
