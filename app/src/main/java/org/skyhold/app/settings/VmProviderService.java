package org.skyhold.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.port.VmProviderConfigRepository;

/**
 * Creates, changes and deletes the VM providers of a zone from an operator's input. Required fields of the
 * kind, and the kind's own reader ({@link VmProviderKind#validate}), are enforced only while the provider is
 * enabled, so a half-configured provider can be saved disabled. A stored provider of a kind this build does not
 * have keeps its kind's fields as they are; only its common fields can be changed.
 */
public final class VmProviderService {
    private final VmProviderConfigRepository providers;
    private final ZoneService zones;
    private final SettingsInput settingsInput;
    private final SettingsEvents events;
    private final Supplier<String> publicUrl;
    private final ProviderCatalog catalog;

    private final Consumer<VmProviderConfig> saved;

    /** @param saved told of every provider stored (to look its agents' size up from the cloud) */
    public VmProviderService(VmProviderConfigRepository providers, ZoneService zones,
                             SettingsMerge merge, SettingsEvents events, Supplier<String> publicUrl,
                             ProviderCatalog catalog, Consumer<VmProviderConfig> saved) {
        this.providers = providers;
        this.saved = saved;
        this.zones = zones;
        this.settingsInput = new SettingsInput(merge);
        this.events = events;
        this.publicUrl = publicUrl;
        this.catalog = catalog;
    }

    /** Every provider kind of this build. */
    public ProviderCatalog catalog() {
        return catalog;
    }

    public List<VmProviderConfig> list(long zoneId) {
        zones.get(zoneId);
        return providers.listByZone(zoneId);
    }

    public VmProviderConfig get(long zoneId, long id) {
        return providers.find(id).filter(p -> p.zoneId() == zoneId)
                .orElseThrow(() -> new NotFoundException("no VM provider " + id + " in zone " + zoneId));
    }

    /** The kind named by the input's {@code kind}; refused naming the kinds this build offers. */
    public VmProviderKind kind(String id) {
        if (id == null || id.isBlank()) {
            throw ValidationException.of("kind", "is required (" + ids() + ")");
        }
        return catalog.vm(id.trim()).orElseThrow(() -> ValidationException.of("kind",
                "must be one of " + ids() + "; " + ProviderCatalog.notAvailable(id.trim())));
    }

    public VmProviderConfig create(long zoneId, Map<String, String> input, String actor) {
        Zone zone = zones.get(zoneId);
        VmProviderKind kind = kind(input.get("kind"));
        List<String> fields = new ArrayList<>();
        VmProviderSettings settings = merged(zone, kind.id(), kind, VmProviderFields.defaults(kind), Map.of(),
                ProviderFields.EMPTY, input, fields);
        VmProviderConfig created = ZoneService.saved(() -> providers.create(zoneId, settings));
        events.record(zoneId, actor, "vm_provider.created", "added " + kind.id() + " provider",
                created.name() + " to zone " + zone.name(), fields);
        saved.accept(created);
        return created;
    }

    public VmProviderConfig update(long zoneId, long id, Map<String, String> input, String actor) {
        Zone zone = zones.get(zoneId);
        VmProviderConfig current = get(zoneId, id);
        String kindInput = input.get("kind");
        if (kindInput != null && !kindInput.isBlank() && !kindInput.equals(current.kind())) {
            throw ValidationException.of("kind", "cannot be changed; add a new provider of the other kind");
        }
        List<String> changed = new ArrayList<>();
        VmProviderSettings settings = merged(zone, current.kind(), catalog.vm(current.kind()).orElse(null),
                VmProviderFields.values(current.settings(), settingsInput.parser()), current.settings().secrets(),
                current.settings().fields(), input, changed);
        VmProviderConfig updated = ZoneService.saved(() -> providers.update(id, settings)
                .orElseThrow(() -> new NotFoundException("no VM provider " + id)));
        if (!changed.isEmpty()) {
            events.record(zoneId, actor, "vm_provider.updated", "changed provider",
                    updated.name() + " of zone " + zone.name(), changed);
        }
        saved.accept(updated);
        return updated;
    }

    /**
     * Deletes the provider; refused while it has live agents, whose VMs only it can destroy. The check and the
     * delete are one transaction that keeps new creates out (see {@link VmProviderConfigRepository#delete}).
     */
    public void delete(long zoneId, long id, String actor) {
        VmProviderConfig current = get(zoneId, id);
        try {
            providers.delete(id);
        } catch (InUseException e) {
            throw ValidationException.of("id", e.getMessage() + "; disable it and drain them (or lower the zone's"
                    + " standby), then delete it");
        }
        events.record(zoneId, actor, "vm_provider.deleted", "deleted provider", current.name(), List.of());
    }

    /**
     * @param kind         null for a stored kind this build does not have: its fields stay as stored
     * @param storedFields the kind's fields as stored, kept when the kind is not available
     */
    private VmProviderSettings merged(Zone zone, String kindId, VmProviderKind kind, Map<String, String> current,
                                      Map<String, Secret> secrets, ProviderFields storedFields,
                                      Map<String, String> input, List<String> changed) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldSpec> specs = VmProviderFields.all(kind);
        // a cleared "enabled" is stored as the default, enabled (see VmProviderFields.settings), so it is checked as such
        SettingsMerge.Result r = settingsInput.read(specs, Set.of("kind"),
                kind == null ? "cannot be changed: " + ProviderCatalog.notAvailable(kindId)
                        : "is not a field of a " + kindId + " provider",
                res -> enabled(res) ? specs : VmProviderFields.COMMON, current, secrets, input, changed, errors);
        if (input.containsKey("startup_script")) {
            StartupScriptCheck.check(r.values().get("startup_script"), kind, zone, r.values().get("name"),
                    publicUrl.get(), errors);
        }
        ProviderFields fields = kind == null ? storedFields
                : ProviderFieldValues.fields(kind.fields(), r.values(), settingsInput.parser());
        VmProviderSettings settings = errors.isEmpty()
                ? VmProviderFields.settings(kindId, r.values(), fields, r.secrets()) : null;
        if (settings != null && kind != null && settings.enabled()) {
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

    private static boolean enabled(SettingsMerge.Result r) {
        return Boolean.parseBoolean(r.values().getOrDefault("enabled", "true"));
    }

    private String ids() {
        return String.join(", ", catalog.vmKinds().stream().map(VmProviderKind::id).toList());
    }
}
