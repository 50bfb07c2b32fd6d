package org.skyhold.domain.planner;

import java.time.Instant;
import java.util.List;
import org.skyhold.domain.model.ZoneSettings;

/**
 * Everything the planner needs to decide for one zone, read in one go. {@code lastScaleUpAt} is when the zone last
 * ordered a VM (null: never), for the downscale backoff.
 */
public record ZoneSnapshot(
        long zoneId,
        ZoneSettings settings,
        List<AgentSnapshot> agents,
        List<ProviderSnapshot> providers,
        List<StagingNeed> staging,
        Instant lastScaleUpAt) {
}
