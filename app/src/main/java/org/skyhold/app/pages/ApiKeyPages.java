package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.app.auth.ApiKeyService;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.web.view.ApiKeyRow;
import org.skyhold.web.view.PageContext;

/**
 * The API keys page: the keys (never their secrets), a form to create one, and revoke buttons. A new key is
 * shown once, in the answer to the create itself, so it is never in a page that can be reloaded or bookmarked.
 */
public final class ApiKeyPages {
    private final ApiKeyService keys;

    /** @param keys the same service the JSON API uses */
    public ApiKeyPages(ApiKeyService keys) {
        this.keys = keys;
    }

    /** Adds the API key pages. */
    public void register(Routes r) {
        r.get("/api-keys", this::list, Access.SIGNED_IN, "API keys page")
                .post("/api-keys", this::create, Access.SIGNED_IN, "Create an API key and show it once")
                .post("/api-keys/{id}/revoke", this::revoke, Access.SIGNED_IN, "Revoke an API key");
    }

    private void list(Context ctx) {
        ctx.render("api-keys.jte", model(Pages.context(ctx, "API keys"), null, "", "read", null));
    }

    private void create(Context ctx) {
        String name = ctx.formParam("name");
        String scope = ctx.formParam("scope");
        try {
            ApiKeyService.Created created = keys.create(name, scope, Pages.actor(ctx));
            ctx.render("api-keys.jte", model(Pages.context(ctx, "API keys").withNotice("API key created.", "ok"),
                    created, "", "read", null));
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("api-keys.jte", model(Pages.context(ctx, "API keys"), null,
                    name == null ? "" : name, scope == null ? "read" : scope, e.errors().get(0)));
        }
    }

    private void revoke(Context ctx) {
        keys.revoke(Pages.id(ctx, "id"), Pages.actor(ctx));
        ctx.redirect("/api-keys?notice=revoked", HttpStatus.SEE_OTHER);
    }

    private Map<String, Object> model(PageContext page, ApiKeyService.Created created, String name, String scope,
                                      FieldError error) {
        List<ApiKeyRow> rows = keys.list().stream().map(ApiKeyPages::row).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("keys", rows);
        model.put("createdKey", created == null ? null : created.fullKey());
        model.put("createdName", created == null ? null : created.key().name());
        model.put("name", name);
        model.put("nameError", error != null && "name".equals(error.field()) ? error.message() : null);
        model.put("scope", scope);
        model.put("scopeError", error != null && "scope".equals(error.field()) ? error.message() : null);
        return model;
    }

    private static ApiKeyRow row(ApiKey k) {
        return new ApiKeyRow(k.id(), k.name(), "sk_" + k.prefix(), k.scope().wireName(), time(k.createdAt()),
                time(k.lastUsedAt()), time(k.revokedAt()));
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
