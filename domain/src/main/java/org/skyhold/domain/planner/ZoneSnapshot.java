package org.skyhold.domain.planner;

import java.time.Instant;
import java.util.List;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.schedule.ZoneSchedule;

/**
 * Everything the planner needs to decide for one zone, read in one go. {@code lastScaleUpAt} is when the zone last
 * ordered a VM (null: never), for the downscale backoff. {@code schedule} holds the zone's standby windows and
 * its providers' measured boot time ({@link ZoneSchedule#NONE} when it has none).
 */
public record ZoneSnapshot(
        long zoneId,
        ZoneSettings settings,
        List<AgentSnapshot> agents,
        List<ProviderSnapshot> providers,
        List<StagingNeed> staging,
        Instant lastScaleUpAt,
        ZoneSchedule schedule) {

    /** A zone without standby windows. */
    public ZoneSnapshot(long zoneId, ZoneSettings settings, List<AgentSnapshot> agents,
                        List<ProviderSnapshot> providers, List<StagingNeed> staging, Instant lastScaleUpAt) {
        this(zoneId, settings, agents, providers, staging, lastScaleUpAt, ZoneSchedule.NONE);
    }

    public ZoneSnapshot {
        schedule = schedule == null ? ZoneSchedule.NONE : schedule;
    }
}
