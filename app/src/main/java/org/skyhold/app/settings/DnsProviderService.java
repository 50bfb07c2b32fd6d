package org.skyhold.app.settings;

import static org.skyhold.app.settings.FieldType.TEXT;
import static org.skyhold.app.settings.FieldType.URL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.InUseException;

/** Creates, changes and deletes DNS providers from an operator's input; refusals change nothing. */
public final class DnsProviderService {
    static final List<FieldSpec> COMMON = List.of(
            FieldSpec.of("name", TEXT, "Name").required().pattern("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$",
                    "a name of letters, digits, space . _ - (up to 100)").build(),
            FieldSpec.of("endpoint_override", URL, "Endpoint override").endpoint()
                    .help("Base URL of the DNS API, for private endpoints and sovereign clouds.").build());

    private final DnsProviderConfigRepository providers;
    private final SettingsMerge merge;
    private final SettingsEvents events;

    public DnsProviderService(DnsProviderConfigRepository providers, SettingsMerge merge, SettingsEvents events) {
        this.providers = providers;
        this.merge = merge;
        this.events = events;
    }

    public static List<FieldSpec> all(DnsProviderKind kind) {
        List<FieldSpec> all = new ArrayList<>(COMMON);
        all.addAll(ProviderKinds.fields(kind));
        return all;
    }

    public List<DnsProviderConfig> list() {
        return providers.list();
    }

    public DnsProviderConfig get(long id) {
        return providers.find(id).orElseThrow(() -> new NotFoundException("no DNS provider " + id));
    }

    public DnsProviderConfig create(Map<String, String> input, String actor) {
        DnsProviderKind kind = ProviderKinds.parse(DnsProviderKind.class, input.get("kind"));
        List<String> fields = new ArrayList<>();
        DnsProviderSettings settings = merged(kind, Map.of(), Map.of(), input, fields);
        DnsProviderConfig created = ZoneService.saved(() -> providers.create(settings));
        events.record(null, actor, "dns_provider.created", "added " + kind.wireName() + " DNS provider",
                created.name(), fields);
        return created;
    }

    public DnsProviderConfig update(long id, Map<String, String> input, String actor) {
        DnsProviderConfig current = get(id);
        String kindInput = input.get("kind");
        if (kindInput != null && !kindInput.isBlank() && !kindInput.equals(current.settings().kind().wireName())) {
            throw ValidationException.of("kind", "cannot be changed; add a new DNS provider of the other kind");
        }
        List<String> changed = new ArrayList<>();
        DnsProviderSettings settings = merged(current.settings().kind(), values(current.settings()),
                current.settings().secrets(), input, changed);
        DnsProviderConfig updated = ZoneService.saved(() -> providers.update(id, settings)
                .orElseThrow(() -> new NotFoundException("no DNS provider " + id)));
        if (!changed.isEmpty()) {
            events.record(null, actor, "dns_provider.updated", "changed DNS provider", updated.name(), changed);
        }
        return updated;
    }

    public void delete(long id, String actor) {
        DnsProviderConfig current = get(id);
        try {
            providers.delete(id);
        } catch (InUseException e) {
            throw ValidationException.of("id", e.getMessage());
        }
        events.record(null, actor, "dns_provider.deleted", "deleted DNS provider", current.name(), List.of());
    }

    public static Map<String, String> values(DnsProviderSettings s) {
        Map<String, String> m = new HashMap<>(s.fields());
        m.put("name", s.name());
        if (s.endpointOverride() != null) {
            m.put("endpoint_override", s.endpointOverride());
        }
        return m;
    }

    private DnsProviderSettings merged(DnsProviderKind kind, Map<String, String> current, Map<String, Secret> secrets,
                                       Map<String, String> input, List<String> changed) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldSpec> specs = all(kind);
        Set<String> known = new HashSet<>(Set.of("kind"));
        specs.forEach(f -> known.add(f.name()));
        input.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of a " + kind.wireName() + " DNS provider")));
        SettingsMerge.Result r = merge.apply(specs, current, secrets, input, errors);
        SettingsMerge.requireValues(specs, r, errors);
        changed.addAll(r.changed());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Map<String, String> fields = new HashMap<>(r.values());
        fields.remove("name");
        fields.remove("endpoint_override");
        return new DnsProviderSettings(r.values().get("name"), kind, r.values().get("endpoint_override"), fields,
                r.secrets());
    }
}
