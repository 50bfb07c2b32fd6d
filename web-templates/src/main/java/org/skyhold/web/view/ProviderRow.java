package org.skyhold.web.view;

/**
 * One VM provider in a zone's list: {@code health} is a sentence for the operator ("healthy", "backing off until
 * ..."), {@code healthy} picks its colour. {@code bootTime} is the median create-to-running time of its recent
 * agents ("10 min 5 s"), or "not measured yet".
 */
public record ProviderRow(long id, String name, String kind, boolean enabled, int priority, int maxInstances,
                          String health, boolean healthy, String bootTime) {

    /** A row without a measured boot time. */
    public ProviderRow(long id, String name, String kind, boolean enabled, int priority, int maxInstances,
                       String health, boolean healthy) {
        this(id, name, kind, enabled, priority, maxInstances, health, healthy, "not measured yet");
    }
}
