package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.PlacementCandidate;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.Zone;

/**
 * Puts sessions on agents. A user request first claims a ready staged session of its image; otherwise the
 * session goes to a running agent with room in every dimension, static agents first when the zone says so,
 * fullest or emptiest first by the zone's strategy. The database refuses any placement that would over-commit
 * an agent, so concurrent requests simply move on to the next candidate.
 */
public final class PlacementService {
    private static final int CANDIDATES = 16;
    private final EnginePorts ports;

    public PlacementService(EnginePorts ports) {
        this.ports = ports;
    }

    /** A user's session: a claimed staged one, or a new one; empty when no agent has room now. */
    public Optional<Session> placeForUser(Zone zone, Image image, String user, Instant now) {
        Optional<Session> staged = ports.sessions().claimStaged(zone.id(), image.id(), user, now);
        if (staged.isPresent()) {
            ports.failpoints().hit(Failpoints.STAGED_AFTER_CLAIM);
            return staged;
        }
        return place(zone, image, SessionKind.USER, user, now, null);
    }

    /** Stages up to {@code count} sessions of the image; returns how many found room. */
    public int stage(Zone zone, Image image, int count, int expirationHours, Instant now) {
        int placed = 0;
        for (int i = 0; i < count; i++) {
            if (place(zone, image, SessionKind.STAGED, null, now, now.plusSeconds(expirationHours * 3600L)).isEmpty()) {
                break;
            }
            placed++;
            ports.failpoints().hit(Failpoints.STAGED_AFTER_ROW);
        }
        return placed;
    }

    private Optional<Session> place(Zone zone, Image image, SessionKind kind, String user, Instant now,
                                    Instant expiresAt) {
        var s = zone.settings();
        for (int attempt = 0; attempt < 3; attempt++) {
            List<PlacementCandidate> candidates = ports.agents().placementCandidates(zone.id(), image.reservation(),
                    s.agentCoresOverride(), s.agentGpusOverride(), s.agentMemoryOverrideGb(),
                    s.prioritizeStaticAgents(), s.loadBalanceStrategy() == LoadBalanceStrategy.MOST_LOADED,
                    CANDIDATES);
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (PlacementCandidate c : candidates) {
                Session session = new Session(UUID.randomUUID().toString(), zone.id(), image.id(), c.agentId(), kind,
                        kind == SessionKind.STAGED ? SessionState.STAGED : SessionState.ACTIVE, user,
                        image.reservation(), now, kind == SessionKind.USER ? now : null, expiresAt, null);
                if (ports.sessions().place(session, c.limit())) {
                    return Optional.of(session);
                }
            }
            // every candidate filled up under us: read the room again
        }
        return Optional.empty();
    }
}
