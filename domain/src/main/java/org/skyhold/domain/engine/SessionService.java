package org.skyhold.domain.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.Zone;

/** Session requests from the platform: place (or claim a staged one), and end. */
public final class SessionService {
    private final EnginePorts ports;
    private final PlacementService placement;
    private final LongConsumer wakeZone;
    private final Clock clock;

    public SessionService(EnginePorts ports, PlacementService placement, LongConsumer wakeZone, Clock clock) {
        this.ports = ports;
        this.placement = placement;
        this.wakeZone = wakeZone;
        this.clock = clock;
    }

    /**
     * A session for the user, or empty when no agent has room now. Either way the zone's loop is woken: a
     * placement lowers free capacity, and a refusal means capacity is short.
     */
    public Optional<Session> request(Zone zone, Image image, String user) {
        Instant now = clock.instant();
        Optional<Session> placed = placement.placeForUser(zone, image, user, now);
        if (placed.isEmpty()) {
            ports.events().record(now, zone.id(), null, "session.refused", "no agent has room for a session of "
                    + image.name() + " (" + image.reservation().cores() + " cores, " + image.reservation().gpus()
                    + " GPUs, " + image.reservation().memoryMb() + " MB) for " + user);
        }
        wakeZone.accept(zone.id());
        return placed;
    }

    /** Ends the session and frees its room; false when it does not exist or had ended. */
    public boolean end(String sessionId) {
        Optional<Session> session = ports.sessions().find(sessionId);
        boolean ended = ports.sessions().end(sessionId, clock.instant());
        if (ended) {
            wakeZone.accept(session.get().zoneId());
        }
        return ended;
    }
}
