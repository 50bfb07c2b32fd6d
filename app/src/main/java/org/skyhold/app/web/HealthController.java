package org.skyhold.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: 200 "ok" when the database answers, 503 otherwise. Open to anyone. */
public final class HealthController {
    private final BooleanSupplier databaseHealthy;

    public HealthController(BooleanSupplier databaseHealthy) {
        this.databaseHealthy = databaseHealthy;
    }

    public void register(Routes r) {
        r.get("/healthz", this::health, Access.OPEN, "Health: 200 when the database answers");
    }

    public void health(Context ctx) {
        if (databaseHealthy.getAsBoolean()) {
            ctx.contentType("text/plain").result("ok");
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain").result("database unavailable");
        }
    }
}
