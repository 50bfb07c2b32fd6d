package org.skyhold.domain.model;

import java.time.Instant;

/** A person who signs in to the pages; {@code passwordHash} is a self-describing slow salted hash. */
public record User(long id, String username, String passwordHash, Instant createdAt, Instant updatedAt) {
}
