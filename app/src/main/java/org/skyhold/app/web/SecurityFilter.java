package org.skyhold.app.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.skyhold.app.auth.Actor;
import org.skyhold.app.auth.ApiKeyService;
import org.skyhold.app.auth.AuthService;
import org.skyhold.domain.model.ApiScope;

/**
 * Runs before every matched route: sets the security headers, finds out who is calling, refuses anonymous callers
 * on routes that are not open (401 for JSON, a redirect to the sign-in page for pages), refuses callers whose
 * API key lacks the route's scope (403 naming it), and refuses cookie-authenticated writes without the session's
 * CSRF token.
 *
 * <p>No credential a browser attaches on its own may reach a page: pages take only the session cookie (which is
 * SameSite=Strict and needs a CSRF token to write). The JSON API takes API keys and Basic too, but every API write
 * must be {@code application/json}, which a cross-site form cannot send and a cross-site script cannot send
 * without a CORS preflight that Skyhold never grants. The API never challenges a browser for Basic (a request
 * with a session cookie or one that accepts HTML), so a browser never learns to cache the password.
 */
public final class SecurityFilter {
    public static final String SESSION_COOKIE = "skyhold_session";
    static final String ACTOR = "skyhold.actor";

    private final AuthService auth;
    private final ApiKeyService apiKeys;
    private final ClientAddress clientAddress;

    public SecurityFilter(AuthService auth, ApiKeyService apiKeys, ClientAddress clientAddress) {
        this.auth = auth;
        this.apiKeys = apiKeys;
        this.clientAddress = clientAddress;
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
        if (isApi(ctx)) {
            requireJsonWrite(ctx);
        }
        Optional<Actor> actor = identify(ctx);
        if (actor.isEmpty()) {
            refuseAnonymous(ctx);
            return;
        }
        ctx.attribute(ACTOR, actor.get());
        ApiScope needed = ctx.routeRoles().stream().filter(RequiredScope.class::isInstance)
                .map(r -> ((RequiredScope) r).scope()).findFirst().orElse(ApiScope.ADMIN);
        if (!actor.get().scope().covers(needed)) {
            throw new JsonErrorResponse(HttpStatus.FORBIDDEN, "this call needs the " + needed.wireName()
                    + " scope; this API key has the " + actor.get().scope().wireName() + " scope");
        }
        if (actor.get().needsCsrf() && !safeMethod(ctx.method())) {
            String sent = Optional.ofNullable(ctx.header("X-CSRF-Token")).orElseGet(() -> formCsrf(ctx));
            if (sent == null || !sent.equals(actor.get().csrfToken())) {
                throw new ForbiddenResponse("missing or invalid CSRF token; reload the page and try again");
            }
        }
    }

    /**
     * Identifies the caller without refusing anyone (open pages use it to show who is signed in): on pages by
     * the session cookie only; on the API by an {@code Authorization} header when there is one, else the cookie.
     */
    public Optional<Actor> identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && isApi(ctx)) {
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return apiKeys.authenticate(authorization.substring(7).trim());
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basic(authorization.substring(6).trim(), clientAddress.of(ctx));
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

    /** 415 for an API write whose body is not declared JSON; a DELETE without a body needs no type. */
    private static void requireJsonWrite(Context ctx) {
        if (safeMethod(ctx.method())) {
            return;
        }
        String type = ctx.contentType();
        boolean json = type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("application/json");
        if (!json && !(ctx.method() == HandlerType.DELETE && type == null)) {
            throw new JsonErrorResponse(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "API writes take a JSON body: send 'Content-Type: application/json'");
        }
    }

    private static void refuseAnonymous(Context ctx) {
        if (isApi(ctx)) {
            // a Basic challenge makes a browser prompt for the password and then send it on its own, cross-site
            // too; a browser (session cookie, or a navigation that accepts HTML) is told about keys only
            boolean browser = ctx.cookie(SESSION_COOKIE) != null
                    || Optional.ofNullable(ctx.header("Accept")).orElse("").contains("text/html");
            ctx.header("WWW-Authenticate", browser ? "Bearer realm=\"skyhold\""
                    : "Bearer realm=\"skyhold\", Basic realm=\"skyhold\"");
            throw new JsonErrorResponse(HttpStatus.UNAUTHORIZED, "authentication required: send an API key as "
                    + "'Authorization: Bearer sk_...' or the admin's credentials over HTTP Basic");
        }
        if (ctx.method() == HandlerType.GET) {
            String next = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
            ctx.redirect("/login?next=" + next, HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        throw new UnauthorizedResponse("sign in first", Map.of());
    }

    /** The JSON API and the metrics a scraper reads; everything else is a page. */
    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/") || ctx.path().equals("/metrics");
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
