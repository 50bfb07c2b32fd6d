package org.skyhold.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.ZoneRepository;

/**
 * Creates, changes and deletes zones from an operator's input (a form or JSON, as field name to raw text).
 * A refused input changes nothing and raises {@link ValidationException} naming every field at fault.
 */
public final class ZoneService {
    private final ZoneRepository zones;
    private final DnsProviderConfigRepository dnsProviders;
    private final SettingsInput settingsInput;
    private final SettingsEvents events;

    private final org.skyhold.domain.port.AgentRepository agents;

    public ZoneService(ZoneRepository zones, DnsProviderConfigRepository dnsProviders,
                       org.skyhold.domain.port.AgentRepository agents, SettingsMerge merge, SettingsEvents events) {
        this.zones = zones;
        this.agents = agents;
        this.dnsProviders = dnsProviders;
        this.settingsInput = new SettingsInput(merge);
        this.events = events;
    }

    public List<Zone> list() {
        return zones.list();
    }

    public Zone get(long id) {
        return zones.find(id).orElseThrow(() -> new NotFoundException("no zone " + id));
    }

    public Zone create(Map<String, String> input, String actor) {
        List<String> fields = new ArrayList<>();
        ZoneSettings settings = merged(ZoneSettings.defaults(null), input, fields);
        Zone zone = saved(() -> zones.create(settings));
        events.record(zone.id(), actor, "zone.created", "created zone", zone.name(), fields);
        return zone;
    }

    public Zone update(long id, Map<String, String> input, String actor) {
        Zone current = get(id);
        List<String> changed = new ArrayList<>();
        ZoneSettings settings = merged(current.settings(), input, changed);
        Zone zone = saved(() -> zones.update(id, settings)
                .orElseThrow(() -> new NotFoundException("no zone " + id)));
        if (!changed.isEmpty()) {
            events.record(id, actor, "zone.updated", "changed zone", zone.name(), changed);
        }
        return zone;
    }

    /**
     * Deletes the zone with its history. Refused while any agent of the zone is live: deleting its row would
     * leave a VM (and a DNS name) nobody destroys.
     */
    public void delete(long id, String actor) {
        Zone zone = get(id);
        int live = agents.listByZone(id, org.skyhold.domain.model.AgentState.LIVE).size();
        if (live > 0) {
            throw ValidationException.of("id", "the zone still has " + live + " live agent" + (live == 1 ? "" : "s")
                    + "; turn scaling off with standby 0, or destroy them, and delete the zone once they are gone");
        }
        zones.delete(id);
        events.record(null, actor, "zone.deleted", "deleted zone", zone.name() + " (id " + id + ")", List.of());
    }

    private ZoneSettings merged(ZoneSettings base, Map<String, String> input, List<String> changed) {
        List<FieldError> errors = new ArrayList<>();
        SettingsMerge.Result r = settingsInput.read(ZoneFields.ALL, Set.of(), "is not a zone setting",
                res -> ZoneFields.ALL, ZoneFields.values(base), ZoneFields.secrets(base), input, changed, errors);
        ZoneSettings candidate = errors.isEmpty()
                ? ZoneFields.settings(r.values(), r.secrets(), ZoneSettings.defaults(null)) : null;
        if (candidate != null) {
            ZoneRules.check(candidate, dnsProviders, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return candidate;
    }

    static <T> T saved(java.util.function.Supplier<T> save) {
        try {
            return save.get();
        } catch (DuplicateNameException e) {
            throw ValidationException.of(e.field(), e.getMessage());
        }
    }
}
