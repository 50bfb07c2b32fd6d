package org.skyhold.app.settings;

import static org.skyhold.domain.kind.FieldType.BOOLEAN;
import static org.skyhold.domain.kind.FieldType.INTEGER;
import static org.skyhold.domain.kind.FieldType.MULTILINE;
import static org.skyhold.domain.kind.FieldType.TEXT;
import static org.skyhold.domain.kind.FieldType.URL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderSettings;

/** The fields every VM provider has, plus conversion between the model and field values. */
public final class VmProviderFields {
    private VmProviderFields() {
    }

    public static final List<FieldSpec> COMMON = List.of(
            FieldSpec.of("name", TEXT, "Name").required().pattern("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$",
                    "a name of letters, digits, space . _ - (up to 100)").help("Unique within the zone.").build(),
            FieldSpec.of("enabled", BOOLEAN, "Enabled").help("A disabled provider creates nothing; its agents stay.")
                    .build(),
            FieldSpec.of("priority", INTEGER, "Priority").range(0, 1000)
                    .help("Lower numbers are used first; the next takes over on error or at its cap.").build(),
            FieldSpec.of("max_instances", INTEGER, "Max instances").range(0, 100_000)
                    .help("Never more live agents than this from this provider; 0 stops it from creating any.").build(),
            FieldSpec.of("startup_script", MULTILINE, "Startup script")
                    .help("Run by each new VM; {variables} such as {checkin_url} are filled in, {{ and }} are "
                            + "literal braces.").build(),
            FieldSpec.of("endpoint_override", URL, "Endpoint override").endpoint()
                    .help("Base URL of the cloud API, for private endpoints and sovereign clouds; empty: the "
                            + "public endpoint.").build(),
            FieldSpec.of("require_checkin", BOOLEAN, "Require check-in")
                    .help("When off, an agent counts as running as soon as its cloud says so.").build(),
            FieldSpec.of("max_concurrent_calls", INTEGER, "Max concurrent calls").range(1, 1000)
                    .help("Most create and delete calls in flight to this cloud at once; fewer while the cloud "
                            + "throttles. Set it to the cloud's rate limit for fast bursts.").build());

    /** The common fields and the kind's own, in page order; only the common ones for a kind this build lacks. */
    public static List<FieldSpec> all(VmProviderKind kind) {
        List<FieldSpec> all = new ArrayList<>(COMMON);
        if (kind != null) {
            all.addAll(kind.fields());
        }
        return all;
    }

    /**
     * A new provider's values before the operator's input: enabled, priority 0, at most 10 instances (a cap
     * of 0 means the provider creates nothing, so it is never a silent default), check-in required, 10 calls in
     * flight, and the kind's own defaults.
     */
    public static Map<String, String> defaults(VmProviderKind kind) {
        Map<String, String> m = new HashMap<>(Map.of("enabled", "true", "priority", "0", "max_instances", "10",
                "require_checkin", "true", "startup_script", "", "max_concurrent_calls",
                Integer.toString(VmProviderSettings.DEFAULT_MAX_CONCURRENT_CALLS)));
        if (kind != null) {
            m.putAll(kind.defaults());
        }
        return m;
    }

    /** Every stored value as the text a form shows (JSON fields as JSON). */
    public static Map<String, String> values(VmProviderSettings s, FieldParser parser) {
        Map<String, String> m = ProviderFieldValues.text(s.fields(), parser);
        m.put("name", s.name());
        m.put("enabled", Boolean.toString(s.enabled()));
        m.put("priority", Integer.toString(s.priority()));
        m.put("max_instances", Integer.toString(s.maxInstances()));
        m.put("startup_script", s.startupScript());
        if (s.endpointOverride() != null) {
            m.put("endpoint_override", s.endpointOverride());
        }
        m.put("require_checkin", Boolean.toString(s.requireCheckin()));
        m.put("max_concurrent_calls", Integer.toString(s.maxConcurrentCalls()));
        return m;
    }

    /**
     * The settings the values describe; a cleared common field falls back to a new provider's default, a cleared
     * field of the kind stays unset (the provider then uses its own default).
     *
     * @param kindFields the kind's own non-secret fields, as {@link ProviderFieldValues#fields} makes them
     */
    public static VmProviderSettings settings(String kindId, Map<String, String> values,
                                              ProviderFields kindFields,
                                              Map<String, Secret> secrets) {
        Map<String, String> v = new HashMap<>(defaults(null));
        v.putAll(values);
        return new VmProviderSettings(v.get("name"), kindId, Boolean.parseBoolean(v.get("enabled")),
                Integer.parseInt(v.get("priority")), Integer.parseInt(v.get("max_instances")), v.get("startup_script"),
                v.get("endpoint_override"), Boolean.parseBoolean(v.get("require_checkin")), kindFields, secrets,
                Integer.parseInt(v.get("max_concurrent_calls")));
    }
}
