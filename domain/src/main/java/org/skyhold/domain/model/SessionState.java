package org.skyhold.domain.model;

/** {@code staged}: waiting for a user; {@code active}: in use; {@code ended}: its room is free again. */
public enum SessionState implements WireEnum {
    STAGED, ACTIVE, ENDED
}
