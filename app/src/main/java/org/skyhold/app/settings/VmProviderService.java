package org.skyhold.app.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderKind;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.VmProviderConfigRepository;

/**
 * Creates, changes and deletes the VM providers of a zone from an operator's input. Required fields of the
 * kind are enforced only while the provider is enabled, so a half-configured provider can be saved disabled.
 */
public final class VmProviderService {
    private final VmProviderConfigRepository providers;
    private final ZoneService zones;
    private final SettingsMerge merge;
    private final SettingsEvents events;
    private final Supplier<String> publicUrl;

    private final org.skyhold.domain.port.AgentRepository agents;
    private final Consumer<VmProviderConfig> saved;

    /** @param saved told of every provider stored (to look its agents' size up from the cloud) */
    public VmProviderService(VmProviderConfigRepository providers, org.skyhold.domain.port.AgentRepository agents,
                             ZoneService zones, SettingsMerge merge, SettingsEvents events, Supplier<String> publicUrl,
                             Consumer<VmProviderConfig> saved) {
        this.providers = providers;
        this.saved = saved;
        this.agents = agents;
        this.zones = zones;
        this.merge = merge;
        this.events = events;
        this.publicUrl = publicUrl;
    }

    public List<VmProviderConfig> list(long zoneId) {
        zones.get(zoneId);
        return providers.listByZone(zoneId);
    }

    public VmProviderConfig get(long zoneId, long id) {
        return providers.find(id).filter(p -> p.zoneId() == zoneId)
                .orElseThrow(() -> new NotFoundException("no VM provider " + id + " in zone " + zoneId));
    }

    public VmProviderConfig create(long zoneId, Map<String, String> input, String actor) {
        Zone zone = zones.get(zoneId);
        VmProviderKind kind = ProviderKinds.parse(VmProviderKind.class, input.get("kind"));
        List<String> fields = new ArrayList<>();
        VmProviderSettings settings = merged(zone, kind, VmProviderFields.defaults(kind), Map.of(), input, fields);
        VmProviderConfig created = ZoneService.saved(() -> providers.create(zoneId, settings));
        events.record(zoneId, actor, "vm_provider.created", "added " + kind.wireName() + " provider",
                created.name() + " to zone " + zone.name(), fields);
        saved.accept(created);
        return created;
    }

    public VmProviderConfig update(long zoneId, long id, Map<String, String> input, String actor) {
        Zone zone = zones.get(zoneId);
        VmProviderConfig current = get(zoneId, id);
        String kindInput = input.get("kind");
        if (kindInput != null && !kindInput.isBlank() && !kindInput.equals(current.kind().wireName())) {
            throw ValidationException.of("kind", "cannot be changed; add a new provider of the other kind");
        }
        List<String> changed = new ArrayList<>();
        VmProviderSettings settings = merged(zone, current.kind(), VmProviderFields.values(current.settings()),
                current.settings().secrets(), input, changed);
        VmProviderConfig updated = ZoneService.saved(() -> providers.update(id, settings)
                .orElseThrow(() -> new NotFoundException("no VM provider " + id)));
        if (!changed.isEmpty()) {
            events.record(zoneId, actor, "vm_provider.updated", "changed provider",
                    updated.name() + " of zone " + zone.name(), changed);
        }
        saved.accept(updated);
        return updated;
    }

    /** Deletes the provider; refused while it has live agents, whose VMs only it can destroy. */
    public void delete(long zoneId, long id, String actor) {
        VmProviderConfig current = get(zoneId, id);
        long live = agents.listByZone(zoneId, org.skyhold.domain.model.AgentState.LIVE).stream()
                .filter(a -> a.providerConfigId() != null && a.providerConfigId() == id).count();
        if (live > 0) {
            throw ValidationException.of("id", "the provider still has " + live + " live agent" + (live == 1 ? ""
                    : "s") + "; disable it and drain them (or lower the zone's standby), then delete it");
        }
        providers.delete(id);
        events.record(zoneId, actor, "vm_provider.deleted", "deleted provider", current.name(), List.of());
    }

    private VmProviderSettings merged(Zone zone, VmProviderKind kind, Map<String, String> current,
                                      Map<String, org.skyhold.domain.model.Secret> secrets, Map<String, String> input,
                                      List<String> changed) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldSpec> specs = VmProviderFields.all(kind);
        Set<String> known = new HashSet<>(Set.of("kind"));
        specs.forEach(f -> known.add(f.name()));
        input.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of a " + kind.wireName() + " provider")));
        SettingsMerge.Result r = merge.apply(specs, current, secrets, input, errors);
        // a cleared "enabled" is stored as the default, enabled (see VmProviderFields.settings), so it is checked as such
        if (Boolean.parseBoolean(r.values().getOrDefault("enabled", "true"))) {
            SettingsMerge.requireValues(specs, r, errors);
        } else {
            SettingsMerge.requireValues(VmProviderFields.COMMON, r, errors);
        }
        changed.addAll(r.changed());
        if (input.containsKey("startup_script")) {
            StartupScriptCheck.check(r.values().get("startup_script"), kind, zone, r.values().get("name"),
                    publicUrl.get(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return VmProviderFields.settings(kind, r.values(), r.secrets());
    }
}
