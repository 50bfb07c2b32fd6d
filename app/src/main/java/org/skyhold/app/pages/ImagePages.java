package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.app.pages.ImagePageModel.Refused;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.ImageService;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.Image;
import org.skyhold.web.view.StagingRow;

/**
 * The workspace image pages: list, add, change and delete images, and on an image's page the zones that keep
 * sessions of it staged. A refused form shows the same page again with status 400, the message beside its field
 * and the typed values kept.
 */
public final class ImagePages {
    private final ImageService images;
    private final StagingConfigService staging;
    private final ZoneService zones;
    private final ImagePageModel model;

    public ImagePages(ImageService images, StagingConfigService staging, ZoneService zones) {
        this.images = images;
        this.staging = staging;
        this.zones = zones;
        this.model = new ImagePageModel(images, staging, zones);
    }

    /** Adds the pages; {@code /images/new} goes first so it is not read as an image id. */
    public void register(Routes r) {
        r.get("/images", ctx -> ctx.render("images.jte", model.list(ctx)), Access.SIGNED_IN,
                        "Workspace images: what one session of each reserves")
                .get("/images/new", ctx -> ctx.render("image-new.jte", model.newImage(ctx, Refused.NONE)),
                        Access.SIGNED_IN, "New-workspace-image form")
                .post("/images", this::create, Access.SIGNED_IN, "Add a workspace image from the form")
                .get("/images/{id}", ctx -> ctx.render("image.jte", model.image(ctx, Pages.id(ctx, "id"),
                        Refused.NONE, Refused.NONE, null)), Access.SIGNED_IN,
                        "Workspace image page: its reservation and the zones that stage it")
                .post("/images/{id}", this::update, Access.SIGNED_IN, "Save a workspace image from the form")
                .post("/images/{id}/delete", this::delete, Access.SIGNED_IN, "Delete a workspace image")
                .post("/images/{id}/staging", this::stage, Access.SIGNED_IN,
                        "Stage sessions of the image in a zone (or change how many)")
                .post("/images/{id}/staging/{staging_id}/delete", this::unstage, Access.SIGNED_IN,
                        "Stop staging the image in a zone");
    }

    private void create(Context ctx) {
        Map<String, String> input = Forms.input(ctx);
        try {
            Image image = images.create(input, Pages.actor(ctx));
            ctx.redirect("/images/" + image.id() + "?notice=created", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("image-new.jte",
                    model.newImage(ctx, new Refused(input, e.errors())));
        }
    }

    private void update(Context ctx) {
        long id = Pages.id(ctx, "id");
        Map<String, String> input = Forms.input(ctx);
        try {
            images.update(id, input, Pages.actor(ctx));
            ctx.redirect("/images/" + id + "?notice=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("image.jte",
                    model.image(ctx, id, new Refused(input, e.errors()), Refused.NONE, null));
        }
    }

    private void delete(Context ctx) {
        long id = Pages.id(ctx, "id");
        try {
            images.delete(id, Pages.actor(ctx));
            ctx.redirect("/images?notice=deleted", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            String why = String.join("; ", e.errors().stream().map(FieldError::message).toList());
            ctx.status(HttpStatus.CONFLICT).render("image.jte",
                    model.image(ctx, id, Refused.NONE, Refused.NONE, "Not deleted: " + why + "."));
        }
    }

    /**
     * Stages the image in the chosen zone. A zone stages an image at most once, so choosing a zone that already
     * stages it changes that zone's numbers rather than being refused.
     */
    private void stage(Context ctx) {
        long id = images.get(Pages.id(ctx, "id")).id();
        Map<String, String> input = Forms.input(ctx);
        try {
            long zoneId = zone(input.get("zone_id"));
            Map<String, String> fields = new HashMap<>();
            fields.put("image_id", Long.toString(id));
            for (String name : List.of("num_sessions", "expiration")) {
                if (input.containsKey(name)) {
                    fields.put(name, input.get(name));
                }
            }
            StagingRow existing = model.staged(id).stream().filter(s -> s.zoneId() == zoneId).findFirst()
                    .orElse(null);
            if (existing == null) {
                staging.create(zoneId, fields, Pages.actor(ctx));
            } else {
                staging.update(zoneId, existing.id(), fields, Pages.actor(ctx));
            }
            ctx.redirect("/images/" + id + "?notice=staged", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("image.jte",
                    model.image(ctx, id, Refused.NONE, new Refused(input, e.errors()), null));
        }
    }

    private void unstage(Context ctx) {
        long id = Pages.id(ctx, "id");
        long stagingId = Pages.id(ctx, "staging_id");
        StagingRow row = model.staged(id).stream().filter(s -> s.id() == stagingId).findFirst()
                .orElseThrow(() -> new NotFoundException("image " + id + " has no staging config " + stagingId));
        staging.delete(row.zoneId(), row.id(), Pages.actor(ctx));
        ctx.redirect("/images/" + id + "?notice=unstaged", HttpStatus.SEE_OTHER);
    }

    /** The chosen zone's id; the form offers only zones, so anything else is a zone that went away meanwhile. */
    private long zone(String text) {
        try {
            long zoneId = Long.parseLong(text == null ? "" : text.strip());
            return zones.list().stream().filter(z -> z.id() == zoneId).findFirst()
                    .orElseThrow(() -> ValidationException.of("zone_id", "must be one of the zones listed"))
                    .id();
        } catch (NumberFormatException e) {
            throw ValidationException.of("zone_id", "must be one of the zones listed");
        }
    }
}
