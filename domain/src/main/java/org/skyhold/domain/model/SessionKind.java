package org.skyhold.domain.model;

/** A staged session is pre-created for a future user; a user session was asked for by one. */
public enum SessionKind implements WireEnum {
    STAGED, USER
}
