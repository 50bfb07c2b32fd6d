package org.skyhold.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz}: 200 "ok" when the database answers, 503 otherwise, open to anyone; and
 * {@code GET /metrics} in Prometheus form for a signed-in caller (a scraper sends an API key).
 */
public final class HealthController {
    private final BooleanSupplier databaseHealthy;
    private final java.util.function.Supplier<String> metrics;

    public HealthController(BooleanSupplier databaseHealthy, java.util.function.Supplier<String> metrics) {
        this.databaseHealthy = databaseHealthy;
        this.metrics = metrics;
    }

    public void register(Routes r) {
        r.get("/healthz", this::health, Access.OPEN, "Health: 200 when the database answers")
                .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.get()), Access.SIGNED_IN, "Prometheus metrics (send an API key)");
    }

    public void health(Context ctx) {
        if (databaseHealthy.getAsBoolean()) {
            ctx.contentType("text/plain").result("ok");
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain").result("database unavailable");
        }
    }
}
