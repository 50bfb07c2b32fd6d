package org.skyhold.app.api;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.skyhold.app.web.JsonErrorResponse;

/** Reads numeric ids from the path; a non-number is a 404 (no such resource), not a server error. */
public final class PathIds {
    private PathIds() {
    }

    public static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new JsonErrorResponse(HttpStatus.NOT_FOUND, "no such " + name + ": " + ctx.pathParam(name));
        }
    }
}
