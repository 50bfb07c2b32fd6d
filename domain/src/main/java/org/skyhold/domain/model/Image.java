package org.skyhold.domain.model;

/** A workspace image: what one session of it reserves on an agent. */
public record Image(long id, String name, Capacity reservation) {
}
