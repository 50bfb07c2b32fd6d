package org.skyhold.domain.engine;

/** This manager no longer holds the zone's lease; the loop stops acting on the zone at once. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
