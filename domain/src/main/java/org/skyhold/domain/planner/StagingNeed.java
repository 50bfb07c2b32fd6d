package org.skyhold.domain.planner;

import org.skyhold.domain.model.Capacity;

/** One staging config: {@code wanted} staged sessions of an image, {@code ready} of them staged now. */
public record StagingNeed(long imageId, String imageName, Capacity reservation, int wanted, int ready) {
    public int missing() {
        return Math.max(0, wanted - ready);
    }
}
