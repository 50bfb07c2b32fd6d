package org.skyhold.domain.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.Zone;

/** Session requests from the platform: place (or claim a staged one), and end. */
public final class SessionService {
    private final EnginePorts ports;
    private final PlacementService placement;
    private final LongConsumer wakeZone;
    private final LongConsumer nudgeZone;
    private final Clock clock;

    /**
     * @param wakeZone  runs a pass of the zone now: after a refusal, when capacity is short
     * @param nudgeZone runs a pass of the zone soon, shared with other placements and ends meanwhile
     */
    public SessionService(EnginePorts ports, PlacementService placement, LongConsumer wakeZone,
                          LongConsumer nudgeZone, Clock clock) {
        this.ports = ports;
        this.placement = placement;
        this.wakeZone = wakeZone;
        this.nudgeZone = nudgeZone;
        this.clock = clock;
    }

    /**
     * A session for the user, or why not: {@code NO_ZONE} or {@code NO_IMAGE} when either does not exist,
     * {@code NO_ROOM} when no agent has room now. When both exist the zone's loop runs either way: soon after a
     * placement, which lowers free capacity, and at once after a refusal, which means capacity is short.
     */
    public PlacementResult request(long zoneId, long imageId, String user) {
        Instant now = clock.instant();
        PlacementResult result = placement.placeForUser(zoneId, imageId, user, now);
        if (result.outcome() == Outcome.NO_ZONE || result.outcome() == Outcome.NO_IMAGE) {
            return result;
        }
        if (result.outcome() == Outcome.NO_ROOM) {
            // the refused path reads the image again for its explanation; the placed path never does
            Optional<Image> image = ports.images().find(imageId);
            String what = image.map(i -> i.name() + " (" + i.reservation().cores() + " cores, "
                    + i.reservation().gpus() + " GPUs, " + i.reservation().memoryMb() + " MB)")
                    .orElse("image " + imageId);
            ports.events().record(now, zoneId, null, "session.refused", "no agent has room for a session of " + what
                    + " for " + user);
            wakeZone.accept(zoneId);
        } else {
            nudgeZone.accept(zoneId);
        }
        return result;
    }

    /** {@link #request(long, long, String)} for a zone and image in hand; empty when not placed. */
    public Optional<Session> request(Zone zone, Image image, String user) {
        return Optional.ofNullable(request(zone.id(), image.id(), user).session());
    }

    /** Ends the session and frees its room; false when it does not exist or had ended. */
    public boolean end(String sessionId) {
        Optional<Session> session = ports.sessions().find(sessionId);
        boolean ended = ports.sessions().end(sessionId, clock.instant());
        if (ended) {
            nudgeZone.accept(session.get().zoneId());
        }
        return ended;
    }
}
