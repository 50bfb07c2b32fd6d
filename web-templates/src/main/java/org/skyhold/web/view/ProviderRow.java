package org.skyhold.web.view;

/**
 * One VM provider in a zone's list: {@code health} is a sentence for the operator ("healthy", "backing off until
 * ..."), {@code healthy} picks its colour.
 */
public record ProviderRow(long id, String name, String kind, boolean enabled, int priority, int maxInstances,
                          String health, boolean healthy) {
}
