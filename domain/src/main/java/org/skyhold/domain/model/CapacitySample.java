package org.skyhold.domain.model;

import java.time.Instant;

/** A zone's free and target capacity as its loop planned them at {@code at}: one point of the dashboard's chart. */
public record CapacitySample(Instant at, Capacity free, Capacity target) {
}
