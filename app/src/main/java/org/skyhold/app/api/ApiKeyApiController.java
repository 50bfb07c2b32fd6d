package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.skyhold.app.auth.ApiKeyService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.model.ApiKey;

/** {@code /api/v1/api-keys}: keys for scripts; the full key is in the creation response only. */
public final class ApiKeyApiController {
    private final ApiKeyService keys;
    private final ObjectMapper json;

    public ApiKeyApiController(ApiKeyService keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public void register(Routes r) {
        r.get("/api/v1/api-keys", this::list, Access.SIGNED_IN, "List API keys (without their secrets)")
                .post("/api/v1/api-keys", this::create, Access.SIGNED_IN, "Create an API key with a scope (read, sessions, admin); the answer holds it once")
                .delete("/api/v1/api-keys/{id}", this::revoke, Access.SIGNED_IN, "Revoke an API key");
    }

    private void list(Context ctx) {
        ctx.json(keys.list().stream().map(this::body).toList());
    }

    private void create(Context ctx) {
        var in = JsonInput.fields(ctx, json);
        ApiKeyService.Created created = keys.create(in.get("name"), in.get("scope"),
                SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.CREATED).json(body(created.key()).put("key", created.fullKey()));
    }

    private void revoke(Context ctx) {
        keys.revoke(PathIds.id(ctx, "id"), SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    ObjectNode body(ApiKey k) {
        return json.createObjectNode().put("id", k.id()).put("name", k.name()).put("prefix", "sk_" + k.prefix())
                .put("scope", k.scope().wireName())
                .put("created_at", k.createdAt().toString())
                .put("last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().toString())
                .put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
    }
}
