package org.skyhold.app.web;

import io.javalin.http.HttpStatus;

/** Ends a JSON request with {@code {"errors":[{"message": ...}]}} and the given status. */
public final class JsonErrorResponse extends RuntimeException {
    private final transient HttpStatus status;

    public JsonErrorResponse(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
