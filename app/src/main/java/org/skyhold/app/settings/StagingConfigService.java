package org.skyhold.app.settings;

import static org.skyhold.domain.kind.FieldType.INTEGER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.port.StagingConfigRepository;
import org.skyhold.domain.kind.FieldSpec;

/** A zone's staging configs: how many sessions of which image to keep pre-created, and for how long. */
public final class StagingConfigService {
    public static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.of("image_id", INTEGER, "Image").required().range(1, Long.MAX_VALUE).build(),
            FieldSpec.of("num_sessions", INTEGER, "Sessions to keep staged").required().range(0, 10_000).build(),
            FieldSpec.of("expiration", INTEGER, "Expiration (hours)").required().range(1, 8760)
                    .help("A staged session nobody claimed is ended after this long and made anew.").build());

    private final StagingConfigRepository configs;
    private final ImageRepository images;
    private final ZoneService zones;
    private final SettingsMerge merge;
    private final SettingsEvents events;

    public StagingConfigService(StagingConfigRepository configs, ImageRepository images, ZoneService zones,
                                SettingsMerge merge, SettingsEvents events) {
        this.configs = configs;
        this.images = images;
        this.zones = zones;
        this.merge = merge;
        this.events = events;
    }

    public List<StagingConfig> list(long zoneId) {
        zones.get(zoneId);
        return configs.listByZone(zoneId);
    }

    public StagingConfig get(long zoneId, long id) {
        return configs.find(id).filter(c -> c.zoneId() == zoneId)
                .orElseThrow(() -> new NotFoundException("no staging config " + id + " in zone " + zoneId));
    }

    public StagingConfig create(long zoneId, Map<String, String> input, String actor) {
        zones.get(zoneId);
        Map<String, String> v = merged(Map.of(), input);
        StagingConfig c = ZoneService.saved(() -> configs.create(zoneId, Long.parseLong(v.get("image_id")),
                Integer.parseInt(v.get("num_sessions")), Integer.parseInt(v.get("expiration"))));
        events.record(zoneId, actor, "staging.created", "added staging config", "for image " + c.imageId(), List.of());
        return c;
    }

    public StagingConfig update(long zoneId, long id, Map<String, String> input, String actor) {
        StagingConfig current = get(zoneId, id);
        List<String> changed = new ArrayList<>();
        Map<String, String> v = merged(Map.of("image_id", Long.toString(current.imageId()), "num_sessions",
                Integer.toString(current.numSessions()), "expiration", Integer.toString(current.expirationHours())),
                input);
        StagingConfig c = ZoneService.saved(() -> configs.update(id, Long.parseLong(v.get("image_id")),
                Integer.parseInt(v.get("num_sessions")), Integer.parseInt(v.get("expiration")))
                .orElseThrow(() -> new NotFoundException("no staging config " + id)));
        events.record(zoneId, actor, "staging.updated", "changed staging config", "for image " + c.imageId(), changed);
        return c;
    }

    public void delete(long zoneId, long id, String actor) {
        get(zoneId, id);
        configs.delete(id);
        events.record(zoneId, actor, "staging.deleted", "deleted staging config", Long.toString(id), List.of());
    }

    private Map<String, String> merged(Map<String, String> current, Map<String, String> input) {
        List<FieldError> errors = new ArrayList<>();
        input.keySet().stream().filter(k -> FIELDS.stream().noneMatch(f -> f.name().equals(k))).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of a staging config")));
        SettingsMerge.Result r = merge.apply(FIELDS, new HashMap<>(current), Map.of(), input, errors);
        SettingsMerge.requireValues(FIELDS, r, errors);
        if (errors.isEmpty() && images.find(Long.parseLong(r.values().get("image_id"))).isEmpty()) {
            errors.add(new FieldError("image_id", "names no image"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return r.values();
    }
}
