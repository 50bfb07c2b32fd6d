package org.skyhold.domain.model;

/** The classes of cloud failure the engine backs off by (DESIGN.md §4, cluster-autoscaler's error classes). */
public enum ProviderErrorClass implements WireEnum {
    CAPACITY, QUOTA, THROTTLED, AUTH, BAD_CONFIG, OTHER;
}
