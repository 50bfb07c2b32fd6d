package org.skyhold.app.settings;

import static org.skyhold.domain.kind.FieldType.TEXT;
import static org.skyhold.domain.kind.FieldType.URL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.InUseException;

/**
 * Creates, changes and deletes DNS providers from an operator's input; refusals change nothing. The kind's own
 * reader ({@link DnsProviderKind#validate}) runs on every save. A stored provider of a kind this build does not
 * have keeps its kind's fields; only its name and endpoint can be changed.
 */
public final class DnsProviderService {
    static final List<FieldSpec> COMMON = List.of(
            FieldSpec.of("name", TEXT, "Name").required().pattern("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$",
                    "a name of letters, digits, space . _ - (up to 100)").build(),
            FieldSpec.of("endpoint_override", URL, "Endpoint override").endpoint()
                    .help("Base URL of the DNS API, for private endpoints and sovereign clouds.").build());

    private final DnsProviderConfigRepository providers;
    private final SettingsInput settingsInput;
    private final SettingsEvents events;
    private final ProviderCatalog catalog;

    public DnsProviderService(DnsProviderConfigRepository providers, SettingsMerge merge, SettingsEvents events,
                              ProviderCatalog catalog) {
        this.providers = providers;
        this.settingsInput = new SettingsInput(merge);
        this.events = events;
        this.catalog = catalog;
    }

    /** The common fields and the kind's own; only the common ones for a kind this build lacks (null). */
    public static List<FieldSpec> all(DnsProviderKind kind) {
        List<FieldSpec> all = new ArrayList<>();
        all.add(COMMON.get(0));
        if (kind == null || kind.usesEndpointOverride()) {
            all.add(COMMON.get(1));
        }
        if (kind != null) {
            all.addAll(kind.fields());
        }
        return all;
    }

    /** Every provider kind of this build. */
    public ProviderCatalog catalog() {
        return catalog;
    }

    public List<DnsProviderConfig> list() {
        return providers.list();
    }

    public DnsProviderConfig get(long id) {
        return providers.find(id).orElseThrow(() -> new NotFoundException("no DNS provider " + id));
    }

    /** The kind named by the input's {@code kind}; refused naming the kinds this build offers. */
    public DnsProviderKind kind(String id) {
        if (id == null || id.isBlank()) {
            throw ValidationException.of("kind", "is required (" + ids() + ")");
        }
        return catalog.dns(id.trim()).orElseThrow(() -> ValidationException.of("kind",
                "must be one of " + ids() + "; " + ProviderCatalog.notAvailable(id.trim())));
    }

    public DnsProviderConfig create(Map<String, String> input, String actor) {
        DnsProviderKind kind = kind(input.get("kind"));
        List<String> fields = new ArrayList<>();
        DnsProviderSettings settings = merged(kind.id(), kind, new HashMap<>(kind.defaults()), Map.of(),
                ProviderFields.EMPTY, input, fields);
        DnsProviderConfig created = ZoneService.saved(() -> providers.create(settings));
        events.record(null, actor, "dns_provider.created", "added " + kind.id() + " DNS provider",
                created.name(), fields);
        return created;
    }

    public DnsProviderConfig update(long id, Map<String, String> input, String actor) {
        DnsProviderConfig current = get(id);
        String kindId = current.settings().kind();
        String kindInput = input.get("kind");
        if (kindInput != null && !kindInput.isBlank() && !kindInput.equals(kindId)) {
            throw ValidationException.of("kind", "cannot be changed; add a new DNS provider of the other kind");
        }
        List<String> changed = new ArrayList<>();
        DnsProviderSettings settings = merged(kindId, catalog.dns(kindId).orElse(null),
                values(current.settings(), settingsInput.parser()), current.settings().secrets(),
                current.settings().fields(), input, changed);
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

    /** Every stored value as the text a form shows (JSON fields as JSON). */
    public static Map<String, String> values(DnsProviderSettings s, FieldParser parser) {
        Map<String, String> m = ProviderFieldValues.text(s.fields(), parser);
        m.put("name", s.name());
        if (s.endpointOverride() != null) {
            m.put("endpoint_override", s.endpointOverride());
        }
        return m;
    }

    private DnsProviderSettings merged(String kindId, DnsProviderKind kind, Map<String, String> current,
                                       Map<String, Secret> secrets, ProviderFields storedFields,
                                       Map<String, String> input, List<String> changed) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldSpec> specs = all(kind);
        SettingsMerge.Result r = settingsInput.read(specs, Set.of("kind"),
                kind == null ? "cannot be changed: " + ProviderCatalog.notAvailable(kindId)
                        : "is not a field of a " + kindId + " DNS provider",
                res -> specs, current, secrets, input, changed, errors);
        ProviderFields fields = kind == null ? storedFields
                : ProviderFieldValues.fields(kind.fields(), r.values(), settingsInput.parser());
        DnsProviderSettings settings = errors.isEmpty() ? new DnsProviderSettings(r.values().get("name"), kindId,
                r.values().get("endpoint_override"), fields, r.secrets()) : null;
        if (settings != null && kind != null) {
            try {
                kind.validate(KindSettings.of(settings));
            } catch (InvalidFieldException e) {
                errors.add(new FieldError(e.field(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return settings;
    }

    private String ids() {
        return String.join(", ", catalog.dnsKinds().stream().map(DnsProviderKind::id).toList());
    }
}
