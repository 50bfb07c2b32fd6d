package org.skyhold.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds the Javalin app: configuration, the security filter, every controller's routes
 * (through {@link Routes}), and the mapping of exceptions to responses.
 */
public final class WebApp {
    private static final Logger ACCESS = LoggerFactory.getLogger("skyhold.access");
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    private WebApp() {
    }

    /** The built app and its route table. */
    public record Built(Javalin app, Routes routes) {
    }

    /** @param routes every controller's routes, already registered */
    public static Built create(SecurityFilter security, ObjectMapper json, Routes routes) {
        return create(security, json, routes, null);
    }

    /** @param https null: plain HTTP; else how Skyhold serves HTTPS itself */
    public static Built create(SecurityFilter security, ObjectMapper json, Routes routes, HttpsSetup https) {
        Javalin app = Javalin.create(config -> {
            if (https != null) {
                https.configure(config);
            }
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.fileRenderer(new JteRenderer());
            config.http.maxRequestSize = 1_000_000L;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            config.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {} ms",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
        });
        if (https != null) {
            app.before(https::before);
        }
        app.before(security::headers);
        app.before(ctx -> {
            // refuse dot-segments before the static-file handler sees them (it would log a stack trace for each)
            if (ctx.path().contains("..")) {
                throw new io.javalin.http.BadRequestResponse("bad path");
            }
        });
        app.beforeMatched(security::check);
        routes.applyTo(app);
        mapErrors(app);
        return new Built(app, routes);
    }

    private static void mapErrors(Javalin app) {
        app.exception(ValidationException.class, (e, ctx) -> {
            if (isJson(ctx)) {
                ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("errors", e.errors()));
            } else {
                ErrorPages.render(ctx, HttpStatus.BAD_REQUEST, e.errors().stream()
                        .map(f -> f.field() == null ? f.message() : f.field() + " " + f.message()).toList());
            }
        });
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(JsonErrorResponse.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the server log");
        });
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        if (isJson(ctx)) {
            ctx.json(Map.of("errors", List.of(new FieldError(null, message))));
        } else {
            ErrorPages.render(ctx, status, List.of(message));
        }
    }

    /** JSON endpoints and the metrics a scraper reads answer errors in JSON; pages with a page (see {@link ErrorPages}). */
    private static boolean isJson(Context ctx) {
        return ctx.path().startsWith("/api/") || ctx.path().equals("/metrics");
    }
}
