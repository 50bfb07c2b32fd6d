package org.skyhold.app.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.skyhold.app.auth.Actor;
import org.skyhold.app.auth.ApiKeyService;
import org.skyhold.app.auth.AuthService;

/**
 * Runs before every matched route: sets the security headers, finds out who is calling (session cookie, API key,
 * or Basic), refuses anonymous callers on routes that are not open (401 for JSON, a redirect to the sign-in page
 * for pages), and refuses cookie-authenticated writes without the session's CSRF token.
 */
public final class SecurityFilter {
    public static final String SESSION_COOKIE = "skyhold_session";
    static final String ACTOR = "skyhold.actor";

    private final AuthService auth;
    private final ApiKeyService apiKeys;

    public SecurityFilter(AuthService auth, ApiKeyService apiKeys) {
        this.auth = auth;
        this.apiKeys = apiKeys;
    }

    /** The caller of this request, when it authenticated. */
    public static Optional<Actor> actor(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ACTOR));
    }

    /** The caller of a route that requires one (the filter has already refused anonymous calls). */
    public static Actor requireActor(Context ctx) {
        return actor(ctx).orElseThrow(() -> new IllegalStateException("route without an authenticated caller"));
    }

    public void headers(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                + "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    public void check(Context ctx) {
        // static files (CSS, scripts) are matched too but carry no roles; they hold nothing private
        boolean staticFile = ctx.path().startsWith("/static/") && ctx.method() == HandlerType.GET;
        if (staticFile || ctx.routeRoles().contains(Access.OPEN) || ctx.routeRoles().contains(Access.AGENT_TOKEN)) {
            return;
        }
        Optional<Actor> actor = identify(ctx);
        if (actor.isEmpty()) {
            refuseAnonymous(ctx);
            return;
        }
        ctx.attribute(ACTOR, actor.get());
        if (actor.get().needsCsrf() && !safeMethod(ctx.method())) {
            String sent = Optional.ofNullable(ctx.header("X-CSRF-Token")).orElseGet(() -> formCsrf(ctx));
            if (sent == null || !sent.equals(actor.get().csrfToken())) {
                ctx.status(HttpStatus.FORBIDDEN);
                throw new io.javalin.http.ForbiddenResponse("missing or invalid CSRF token; reload the page and try again");
            }
        }
    }

    /** Identifies the caller without refusing anyone (for open pages that show who is signed in). */
    public Optional<Actor> identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return apiKeys.authenticate(authorization.substring(7).trim());
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basic(authorization.substring(6).trim(), ctx.ip());
            }
            return Optional.empty();
        }
        return auth.fromSessionToken(ctx.cookie(SESSION_COOKIE));
    }

    private Optional<Actor> basic(String encoded, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : auth.fromBasic(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }

    private static void refuseAnonymous(Context ctx) {
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"skyhold\", Basic realm=\"skyhold\"");
            throw new JsonErrorResponse(HttpStatus.UNAUTHORIZED, "authentication required: send an API key as "
                    + "'Authorization: Bearer sk_...' or the admin's credentials over HTTP Basic");
        }
        if (ctx.method() == HandlerType.GET) {
            String next = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
            ctx.redirect("/login?next=" + next, HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        throw new io.javalin.http.UnauthorizedResponse("sign in first", Map.of());
    }

    private static String formCsrf(Context ctx) {
        String type = ctx.contentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
            return ctx.formParam("_csrf");
        }
        return null;
    }

    private static boolean safeMethod(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }
}
