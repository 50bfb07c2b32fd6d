package org.skyhold.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of placements in one zone decides on, read at once: the zone's placement settings, the
 * reservations of the images asked for, which of them have a ready staged session in the zone, and the zone's
 * candidate agents (running, and for an autoscaled agent with its instance id) with their effective capacity and
 * load. The choice among them is {@code PlacementChoice}'s; the write that follows checks the room again.
 *
 * @param zoneFound      false when there is no such zone (everything else is then empty)
 * @param staticFirst    the zone puts sessions on static agents before autoscaled ones
 * @param mostLoaded     the zone fills the fullest agent first ({@code most_loaded}); else the emptiest
 * @param images         the reservation of each image asked for that exists
 * @param stagedReady    the images asked for with a ready staged session in the zone
 * @param candidates     the zone's candidate agents
 */
public record PlacementView(boolean zoneFound, boolean staticFirst, boolean mostLoaded, Map<Long, Capacity> images,
                            Set<Long> stagedReady, List<Candidate> candidates) {
    /** No zone: nothing can be placed. */
    public static final PlacementView NO_ZONE = new PlacementView(false, false, false, Map.of(), Set.of(), List.of());

    /**
     * An agent sessions may go to.
     *
     * @param limit    its effective capacity (the zone's overrides applied to an autoscaled agent)
     * @param reserved what its open sessions hold now
     */
    public record Candidate(String agentId, boolean autoscaled, Capacity limit, Capacity reserved) {
    }
}
