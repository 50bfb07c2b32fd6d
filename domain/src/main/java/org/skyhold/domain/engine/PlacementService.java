package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.Zone;

/**
 * Puts sessions on agents. A user request first claims a ready staged session of its image; otherwise the
 * session goes to a running agent with room in every dimension, static agents first when the zone says so,
 * fullest or emptiest first by the zone's strategy ({@link PlacementChoice}). Concurrent requests of a zone are
 * placed in batches ({@link PlacementBatches}): one read of the zone and one transaction for all the sessions that
 * arrived while the previous batch ran, and the database refuses any session that would over-commit its agent.
 */
public final class PlacementService {
    private final EnginePorts ports;
    private final PlacementBatches batches;

    /** Batches run on the requesting thread: for tests, where no request waits long behind another's batch. */
    public PlacementService(EnginePorts ports) {
        this(ports, Runnable::run);
    }

    /** Batches run on {@code batchRunner}, which must not be the requests' own threads' pool (they wait on it). */
    public PlacementService(EnginePorts ports, Executor batchRunner) {
        this.ports = ports;
        this.batches = new PlacementBatches(new PlacementBatch(ports.sessions()), batchRunner);
    }

    /**
     * A user's session: a claimed staged one, or a new one. {@code NO_ZONE} and {@code NO_IMAGE} when either does
     * not exist, {@code NO_ROOM} when no agent has room now.
     */
    public PlacementResult placeForUser(long zoneId, long imageId, String user, Instant now) {
        PlacementRequest request = new PlacementRequest(UUID.randomUUID().toString(), zoneId, imageId,
                SessionKind.USER, user, now, null, true);
        PlacementResult result = place(request);
        if (result.outcome() != Outcome.STAGED_READY) {
            return result;
        }
        Optional<Session> staged = ports.sessions().claimStaged(zoneId, imageId, user, now);
        if (staged.isPresent()) {
            ports.failpoints().hit(Failpoints.STAGED_AFTER_CLAIM);
            String address = ports.agents().find(staged.get().agentId()).map(a -> a.reachableAddress()).orElse(null);
            return PlacementResult.placed(staged.get(), address);
        }
        // the ready ones were claimed by others meanwhile: a new session, as when none was ready
        return place(request.evenIfStagedReady());
    }

    /** {@link #placeForUser(long, long, String, Instant)} for a zone and image in hand; empty when not placed. */
    public Optional<Session> placeForUser(Zone zone, Image image, String user, Instant now) {
        return Optional.ofNullable(placeForUser(zone.id(), image.id(), user, now).session());
    }

    /** Stages up to {@code count} sessions of the image, placed together; returns how many found room. */
    public int stage(Zone zone, Image image, int count, int expirationHours, Instant now) {
        List<PlacementRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(new PlacementRequest(UUID.randomUUID().toString(), zone.id(), image.id(),
                    SessionKind.STAGED, null, now, now.plusSeconds(expirationHours * 3600L), false));
        }
        int placed = 0;
        for (PlacementResult r : batches.placeTogether(requests)) {
            if (r.placed()) {
                placed++;
                ports.failpoints().hit(Failpoints.STAGED_AFTER_ROW);
            }
        }
        return placed;
    }

    private PlacementResult place(PlacementRequest request) {
        return batches.place(request);
    }
}
