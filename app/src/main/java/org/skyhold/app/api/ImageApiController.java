package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.skyhold.app.settings.ImageService;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.StagingConfig;

/** {@code /api/v1/images} and {@code /api/v1/zones/{id}/staging-configs}: what sessions reserve and what to stage. */
public final class ImageApiController {
    private static final String STAGING = "/api/v1/zones/{id}/staging-configs";
    private final ImageService images;
    private final StagingConfigService staging;
    private final ObjectMapper json;

    public ImageApiController(ImageService images, StagingConfigService staging, ObjectMapper json) {
        this.images = images;
        this.staging = staging;
        this.json = json;
    }

    public void register(Routes r) {
        r.get("/api/v1/images", ctx -> ctx.json(images.list().stream().map(this::image).toList()), Access.SIGNED_IN,
                        "List workspace images")
                .post("/api/v1/images", ctx -> ctx.status(HttpStatus.CREATED).json(image(images.create(
                        JsonInput.fields(ctx, json), actor(ctx)))), Access.SIGNED_IN, "Add a workspace image")
                .get("/api/v1/images/{id}", ctx -> ctx.json(image(images.get(PathIds.id(ctx, "id")))), Access.SIGNED_IN,
                        "Read a workspace image")
                .put("/api/v1/images/{id}", ctx -> ctx.json(image(images.update(PathIds.id(ctx, "id"),
                        JsonInput.fields(ctx, json), actor(ctx)))), Access.SIGNED_IN, "Change a workspace image")
                .delete("/api/v1/images/{id}", ctx -> {
                    images.delete(PathIds.id(ctx, "id"), actor(ctx));
                    ctx.status(HttpStatus.NO_CONTENT);
                }, Access.SIGNED_IN, "Delete a workspace image")
                .get(STAGING, ctx -> ctx.json(staging.list(PathIds.id(ctx, "id")).stream().map(this::config).toList()),
                        Access.SIGNED_IN, "List a zone's staging configs")
                .post(STAGING, ctx -> ctx.status(HttpStatus.CREATED).json(config(staging.create(PathIds.id(ctx, "id"),
                        JsonInput.fields(ctx, json), actor(ctx)))), Access.SIGNED_IN, "Add a staging config")
                .get(STAGING + "/{staging_id}", ctx -> ctx.json(config(staging.get(PathIds.id(ctx, "id"),
                        PathIds.id(ctx, "staging_id")))), Access.SIGNED_IN, "Read a staging config")
                .put(STAGING + "/{staging_id}", ctx -> ctx.json(config(staging.update(PathIds.id(ctx, "id"),
                        PathIds.id(ctx, "staging_id"), JsonInput.fields(ctx, json), actor(ctx)))), Access.SIGNED_IN,
                        "Change a staging config")
                .delete(STAGING + "/{staging_id}", ctx -> {
                    staging.delete(PathIds.id(ctx, "id"), PathIds.id(ctx, "staging_id"), actor(ctx));
                    ctx.status(HttpStatus.NO_CONTENT);
                }, Access.SIGNED_IN, "Delete a staging config");
    }

    private ObjectNode image(Image i) {
        return json.createObjectNode().put("id", i.id()).put("name", i.name()).put("cores", i.reservation().cores())
                .put("gpus", i.reservation().gpus()).put("memory_mb", i.reservation().memoryMb());
    }

    private ObjectNode config(StagingConfig c) {
        return json.createObjectNode().put("id", c.id()).put("zone_id", c.zoneId()).put("image_id", c.imageId())
                .put("num_sessions", c.numSessions()).put("expiration", c.expirationHours());
    }

    private static String actor(Context ctx) {
        return SecurityFilter.requireActor(ctx).name();
    }
}
