package org.skyhold.app.settings;

import static org.skyhold.domain.kind.FieldType.BOOLEAN;
import static org.skyhold.domain.kind.FieldType.CHOICE;
import static org.skyhold.domain.kind.FieldType.INTEGER;
import static org.skyhold.domain.kind.FieldType.PEM_CERTIFICATE;
import static org.skyhold.domain.kind.FieldType.PEM_PRIVATE_KEY;
import static org.skyhold.domain.kind.FieldType.TEXT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.WireEnum;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.kind.FieldSpec;

/** A zone's settings as fields (names are the JSON names), and the conversion to and from the model. */
public final class ZoneFields {
    private ZoneFields() {
    }

    public static final List<FieldSpec> ALL = List.of(
            FieldSpec.of("name", TEXT, "Name").required().pattern("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$",
                    "a name of letters, digits, space . _ - (up to 100)").help("How the zone is shown.").build(),
            FieldSpec.of("scaling_enabled", BOOLEAN, "Scaling enabled")
                    .help("When off, Skyhold creates and destroys nothing in this zone; it still explains what it "
                            + "would do.").build(),
            FieldSpec.of("prioritize_static_agents", BOOLEAN, "Prioritize static agents")
                    .help("Place sessions on static agents before autoscaled ones.").build(),
            FieldSpec.of("standby_cores", INTEGER, "Standby cores").range(0, 1_000_000)
                    .help("CPU cores to keep free at all times.").build(),
            FieldSpec.of("standby_gpus", INTEGER, "Standby GPUs").range(0, 100_000)
                    .help("GPUs to keep free at all times.").build(),
            FieldSpec.of("standby_memory_mb", INTEGER, "Standby memory (MB)").range(0, 1_000_000_000)
                    .help("Memory to keep free at all times.").build(),
            FieldSpec.of("downscale_backoff", INTEGER, "Downscale backoff (s)").range(0, 604_800)
                    .help("No agent is removed until this long after the last scale-up, nor before it has been "
                            + "idle this long.").build(),
            FieldSpec.of("agent_cores_override", INTEGER, "Agent cores override").range(0, 4096)
                    .help("Cores an autoscaled agent counts as, instead of what it reports; empty: as reported.")
                    .build(),
            FieldSpec.of("agent_gpus_override", INTEGER, "Agent GPUs override").range(0, 64)
                    .help("GPUs an autoscaled agent counts as; empty: as reported.").build(),
            FieldSpec.of("agent_memory_override_gb", INTEGER, "Agent memory override (GB)").range(0, 65_536)
                    .help("Memory an autoscaled agent counts as; empty: as reported.").build(),
            FieldSpec.of("register_dns", BOOLEAN, "Register DNS")
                    .help("Give every agent the name <agent id>.<base domain> in the DNS provider.").build(),
            FieldSpec.of("dns_provider_id", INTEGER, "DNS provider").range(1, Long.MAX_VALUE)
                    .help("The DNS provider that holds the base domain.").build(),
            FieldSpec.of("base_domain_name", TEXT, "Base domain name")
                    .pattern("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$",
                            "a lower-case domain such as agents.example.com")
                    .help("Agents are named <agent id>.<base domain>.").build(),
            FieldSpec.of("nginx_cert", PEM_CERTIFICATE, "NGINX certificate (PEM)")
                    .help("Certificate chain handed to agents for their NGINX; should cover *.<base domain>.")
                    .build(),
            FieldSpec.of("nginx_key", PEM_PRIVATE_KEY, "NGINX key (PEM)").secret()
                    .help("Private key of the certificate; stored encrypted, never shown again. Agents get it in "
                            + "their check-in answer when they check in with \"nginx_tls\": true. Warning: "
                            + "{nginx_key_in} in a startup script puts the key into the VM's user data, which the "
                            + "cloud's instance metadata service serves to every process on the VM.").build(),
            FieldSpec.of("load_balance_strategy", CHOICE, "Load balance strategy").required()
                    .choices("most_loaded", "least_loaded")
                    .help("most_loaded packs sessions so idle agents can be removed; least_loaded spreads them.")
                    .build(),
            FieldSpec.of("upstream_auth_address", TEXT, "Upstream auth address")
                    .pattern("^(https?://)?[A-Za-z0-9.-]+(:\\d{1,5})?(/\\S*)?$", "a host[:port] or URL")
                    .help("Address agents authenticate users against, handed to the startup script.").build(),
            FieldSpec.of("provision_timeout", INTEGER, "Provision timeout (s)").range(30, 86_400)
                    .help("An agent that has not checked in this long after creation is destroyed.").build(),
            FieldSpec.of("agent_missing_after", INTEGER, "Missing after (s)").range(5, 86_400)
                    .help("An agent without a heartbeat this long is marked missing.").build(),
            FieldSpec.of("agent_dead_after", INTEGER, "Dead after (s)").range(5, 604_800)
                    .help("An agent without a heartbeat this long is dead (and destroyed if autoscaled).").build());

    /** The non-secret values of the settings, by field name; unset optional values are absent. */
    public static Map<String, String> values(ZoneSettings s) {
        Map<String, String> m = new HashMap<>();
        putIfSet(m, "name", s.name());
        m.put("scaling_enabled", Boolean.toString(s.scalingEnabled()));
        m.put("prioritize_static_agents", Boolean.toString(s.prioritizeStaticAgents()));
        m.put("standby_cores", Integer.toString(s.standbyCores()));
        m.put("standby_gpus", Integer.toString(s.standbyGpus()));
        m.put("standby_memory_mb", Long.toString(s.standbyMemoryMb()));
        m.put("downscale_backoff", Integer.toString(s.downscaleBackoff()));
        putIfSet(m, "agent_cores_override", s.agentCoresOverride());
        putIfSet(m, "agent_gpus_override", s.agentGpusOverride());
        putIfSet(m, "agent_memory_override_gb", s.agentMemoryOverrideGb());
        m.put("register_dns", Boolean.toString(s.registerDns()));
        putIfSet(m, "dns_provider_id", s.dnsProviderId());
        putIfSet(m, "base_domain_name", s.baseDomainName());
        putIfSet(m, "nginx_cert", s.nginxCert());
        m.put("load_balance_strategy", s.loadBalanceStrategy().wireName());
        putIfSet(m, "upstream_auth_address", s.upstreamAuthAddress());
        m.put("provision_timeout", Integer.toString(s.provisionTimeout()));
        m.put("agent_missing_after", Integer.toString(s.agentMissingAfter()));
        m.put("agent_dead_after", Integer.toString(s.agentDeadAfter()));
        return m;
    }

    public static Map<String, Secret> secrets(ZoneSettings s) {
        return s.nginxKey() == null ? Map.of() : Map.of("nginx_key", s.nginxKey());
    }

    /** The settings that parsed, canonical values produce; {@code defaults} fill what is absent. */
    public static ZoneSettings settings(Map<String, String> v, Map<String, Secret> secrets, ZoneSettings defaults) {
        return new ZoneSettings(
                v.getOrDefault("name", defaults.name()),
                bool(v, "scaling_enabled", defaults.scalingEnabled()),
                bool(v, "prioritize_static_agents", defaults.prioritizeStaticAgents()),
                integer(v, "standby_cores", defaults.standbyCores()),
                integer(v, "standby_gpus", defaults.standbyGpus()),
                v.containsKey("standby_memory_mb") ? Long.parseLong(v.get("standby_memory_mb")) : defaults.standbyMemoryMb(),
                integer(v, "downscale_backoff", defaults.downscaleBackoff()),
                optionalInt(v, "agent_cores_override"),
                optionalInt(v, "agent_gpus_override"),
                optionalInt(v, "agent_memory_override_gb"),
                bool(v, "register_dns", defaults.registerDns()),
                v.containsKey("dns_provider_id") ? Long.valueOf(v.get("dns_provider_id")) : null,
                v.get("base_domain_name"),
                v.get("nginx_cert"),
                secrets.get("nginx_key"),
                v.containsKey("load_balance_strategy")
                        ? WireEnum.fromWire(LoadBalanceStrategy.class, v.get("load_balance_strategy"))
                        : defaults.loadBalanceStrategy(),
                v.get("upstream_auth_address"),
                integer(v, "provision_timeout", defaults.provisionTimeout()),
                integer(v, "agent_missing_after", defaults.agentMissingAfter()),
                integer(v, "agent_dead_after", defaults.agentDeadAfter()));
    }

    private static void putIfSet(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private static boolean bool(Map<String, String> v, String key, boolean fallback) {
        return v.containsKey(key) ? Boolean.parseBoolean(v.get(key)) : fallback;
    }

    private static int integer(Map<String, String> v, String key, int fallback) {
        return v.containsKey(key) ? Integer.parseInt(v.get(key)) : fallback;
    }

    private static Integer optionalInt(Map<String, String> v, String key) {
        return v.containsKey(key) ? Integer.valueOf(v.get(key)) : null;
    }
}
