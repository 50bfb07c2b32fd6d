package org.skyhold.domain.model;

/** How placement picks among agents with room: pack them (so idle ones can go) or spread the load. */
public enum LoadBalanceStrategy implements WireEnum {
    MOST_LOADED, LEAST_LOADED;
}
