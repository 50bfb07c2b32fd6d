package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.FieldError;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;
import org.skyhold.app.settings.ImageService;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.web.view.FormField;
import org.skyhold.web.view.FormView;
import org.skyhold.web.view.ImageRow;
import org.skyhold.web.view.StagingFormView;
import org.skyhold.web.view.StagingRow;

/**
 * Gathers what the image pages show (the image's form, the zones that stage it, the staging form) so
 * {@link ImagePages}' handlers stay parse, call, render.
 */
final class ImagePageModel {
    private static final Map<String, List<String>> LAYOUT = Map.of("Workspace image", Forms.names(ImageService.FIELDS));
    /** The staging form's zone: the service takes it from the path, so the page names it itself. */
    static final FieldSpec ZONE = FieldSpec.of("zone_id", FieldType.INTEGER, "Zone").required().build();
    private static final List<FieldSpec> STAGING_FIELDS = List.of(ZONE, field("num_sessions"), field("expiration"));
    private static final Map<String, String> STAGING_DEFAULTS = Map.of("num_sessions", "1", "expiration", "24");

    /** What the operator typed into one form of the page and why it was refused; {@link #NONE} when it was not. */
    record Refused(Map<String, String> typed, List<FieldError> errors) {
        static final Refused NONE = new Refused(Map.of(), List.of());
    }

    private final ImageService images;
    private final StagingConfigService staging;
    private final ZoneService zones;

    ImagePageModel(ImageService images, StagingConfigService staging, ZoneService zones) {
        this.images = images;
        this.staging = staging;
        this.zones = zones;
    }

    Map<String, Object> list(Context ctx) {
        Map<Long, List<String>> stagedIn = new HashMap<>();
        for (Zone z : zones.list()) {
            for (StagingConfig c : staging.list(z.id())) {
                stagedIn.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(z.name());
            }
        }
        List<ImageRow> rows = images.list().stream().map(i -> new ImageRow(i.id(), i.name(), i.reservation().cores(),
                i.reservation().gpus(), i.reservation().memoryMb(), stagedIn.getOrDefault(i.id(), List.of())))
                .toList();
        return Map.of("page", Pages.context(ctx, "Workspace images"), "images", rows);
    }

    /** The new-image form: empty, or what the operator typed when a create was refused. */
    Map<String, Object> newImage(Context ctx, Refused refused) {
        FormView form = Forms.view("/images", "Add image", ImageService.FIELDS,
                Forms.overlay(Map.of("cores", "0", "gpus", "0", "memory_mb", "0"), refused.typed()), Set.of(),
                refused.errors());
        return Map.of("page", Pages.context(ctx, "New workspace image"), "form", form,
                "groups", Forms.groups(form, LAYOUT));
    }

    /**
     * The image page. {@code settings} and {@code stage} are the refusals of its two forms, {@code deleteError}
     * why a delete was refused (or null).
     */
    Map<String, Object> image(Context ctx, long id, Refused settings, Refused stage, String deleteError) {
        Image image = images.get(id);
        FormView form = Forms.view("/images/" + id, "Save image", ImageService.FIELDS,
                Forms.overlay(ImageService.values(image), settings.typed()), Set.of(), settings.errors());
        Map<String, String> zoneLabels = new LinkedHashMap<>();
        zones.list().forEach(z -> zoneLabels.put(Long.toString(z.id()), z.name()));
        Map<String, Object> model = new HashMap<>();
        model.put("page", Pages.context(ctx, image.name()));
        model.put("imageId", id);
        model.put("imageName", image.name());
        model.put("form", form);
        model.put("groups", Forms.groups(form, LAYOUT));
        List<StagingRow> staged = staged(id);
        model.put("staged", staged);
        model.put("stageForm", zoneLabels.isEmpty() ? null : stagingForm(id, zoneLabels, staged, stage));
        model.put("deleteError", deleteError);
        return model;
    }

    /** The zones that stage the image, by zone name. */
    List<StagingRow> staged(long imageId) {
        List<StagingRow> rows = new ArrayList<>();
        for (Zone z : zones.list()) {
            staging.list(z.id()).stream().filter(c -> c.imageId() == imageId).forEach(c -> rows.add(
                    new StagingRow(c.id(), z.id(), z.name(), c.numSessions(), c.expirationHours())));
        }
        return rows;
    }

    /** The staging form, its zone preset to the first one that does not stage the image yet. */
    private static StagingFormView stagingForm(long imageId, Map<String, String> zoneLabels, List<StagingRow> staged,
                                               Refused refused) {
        Map<String, String> defaults = new HashMap<>(STAGING_DEFAULTS);
        zoneLabels.keySet().stream().filter(z -> staged.stream().noneMatch(s -> Long.toString(s.zoneId()).equals(z)))
                .findFirst().ifPresent(z -> defaults.put(ZONE.name(), z));
        FormView view = Forms.withChoices(Forms.view("/images/" + imageId + "/staging", "Stage",
                STAGING_FIELDS, Forms.overlay(defaults, refused.typed()), Set.of(), refused.errors()),
                ZONE.name(), zoneLabels);
        Map<String, FormField> byName = new HashMap<>();
        view.fields().forEach(f -> byName.put(f.name(), f));
        return new StagingFormView(view.action(), byName.get("zone_id"), byName.get("num_sessions"),
                byName.get("expiration"), view.errors());
    }

    private static FieldSpec field(String name) {
        return StagingConfigService.FIELDS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
