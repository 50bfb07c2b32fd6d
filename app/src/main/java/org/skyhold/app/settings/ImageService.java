package org.skyhold.app.settings;

import static org.skyhold.domain.kind.FieldType.INTEGER;
import static org.skyhold.domain.kind.FieldType.TEXT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.kind.FieldSpec;

/** Workspace images: what one session of each reserves on an agent. */
public final class ImageService {
    public static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.of("name", TEXT, "Name").required().pattern("^\\S.{0,199}$", "a name of up to 200 characters")
                    .build(),
            FieldSpec.of("cores", INTEGER, "Cores per session").required().range(0, 4096).build(),
            FieldSpec.of("gpus", INTEGER, "GPUs per session").required().range(0, 64).build(),
            FieldSpec.of("memory_mb", INTEGER, "Memory per session (MB)").required().range(0, 4_194_304).build());

    private final ImageRepository images;
    private final SettingsMerge merge;
    private final SettingsEvents events;

    public ImageService(ImageRepository images, SettingsMerge merge, SettingsEvents events) {
        this.images = images;
        this.merge = merge;
        this.events = events;
    }

    public List<Image> list() {
        return images.list();
    }

    public Image get(long id) {
        return images.find(id).orElseThrow(() -> new NotFoundException("no image " + id));
    }

    public Image create(Map<String, String> input, String actor) {
        Map<String, String> v = merged(Map.of("cores", "0", "gpus", "0", "memory_mb", "0"), input);
        Image image = ZoneService.saved(() -> images.create(v.get("name"), capacity(v)));
        events.record(null, actor, "image.created", "added image", image.name(), List.of());
        return image;
    }

    public Image update(long id, Map<String, String> input, String actor) {
        Image current = get(id);
        Map<String, String> v = merged(values(current), input);
        Image image = ZoneService.saved(() -> images.update(id, v.get("name"), capacity(v))
                .orElseThrow(() -> new NotFoundException("no image " + id)));
        events.record(null, actor, "image.updated", "changed image", image.name(), List.of());
        return image;
    }

    public void delete(long id, String actor) {
        Image current = get(id);
        try {
            images.delete(id);
        } catch (InUseException e) {
            throw ValidationException.of("id", e.getMessage());
        }
        events.record(null, actor, "image.deleted", "deleted image", current.name(), List.of());
    }

    public static Map<String, String> values(Image i) {
        return Map.of("name", i.name(), "cores", Long.toString(i.reservation().cores()),
                "gpus", Long.toString(i.reservation().gpus()), "memory_mb", Long.toString(i.reservation().memoryMb()));
    }

    private Map<String, String> merged(Map<String, String> current, Map<String, String> input) {
        List<FieldError> errors = new ArrayList<>();
        input.keySet().stream().filter(k -> FIELDS.stream().noneMatch(f -> f.name().equals(k))).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of an image")));
        SettingsMerge.Result r = merge.apply(FIELDS, new HashMap<>(current), Map.of(), input, errors);
        SettingsMerge.requireValues(FIELDS, r, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return r.values();
    }

    private static Capacity capacity(Map<String, String> v) {
        return new Capacity(Long.parseLong(v.get("cores")), Long.parseLong(v.get("gpus")),
                Long.parseLong(v.get("memory_mb")));
    }
}
