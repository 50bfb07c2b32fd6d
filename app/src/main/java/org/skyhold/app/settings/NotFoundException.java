package org.skyhold.app.settings;

/** The resource asked for does not exist; the message names it. Mapped to 404. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
