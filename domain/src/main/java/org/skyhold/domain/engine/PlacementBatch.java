package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.engine.PlacementBatches.Waiting;
import org.skyhold.domain.engine.PlacementChoice.Choice;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.port.SessionRepository;

/**
 * Places one batch of a zone's requests: reads the zone once ({@link SessionRepository#placementView}), chooses
 * every request's agent ({@link PlacementChoice}) and stores all the sessions in one transaction
 * ({@link SessionRepository#placeAll}), which checks each agent's room again. An agent whose room went to a
 * concurrent writer meanwhile (another manager, a staged placement) takes none of its sessions; those requests
 * are chosen again on a fresh read, up to {@value #ATTEMPTS} reads in all, and refused only after that. Every
 * request of the batch gets its result; when the batch fails, each request still open is tried alone, so a
 * failure reaches only the request it belongs to.
 */
final class PlacementBatch {
    /** Reads per request before it is refused for lack of room: each retry follows another writer's commit. */
    static final int ATTEMPTS = 8;

    private final SessionRepository sessions;

    PlacementBatch(SessionRepository sessions) {
        this.sessions = sessions;
    }

    void run(List<Waiting> batch) {
        try {
            placeAll(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            for (Waiting w : batch) {
                if (!w.result().isDone()) {
                    try {
                        placeAll(List.of(w));
                    } catch (RuntimeException alone) {
                        w.result().completeExceptionally(alone);
                    }
                }
            }
        } catch (Error e) {
            batch.forEach(w -> w.result().completeExceptionally(e));
            throw e;
        }
    }

    private void placeAll(List<Waiting> batch) {
        List<Waiting> left = batch;
        for (int attempt = 1; !left.isEmpty(); attempt++) {
            left = attempt(left, attempt >= ATTEMPTS);
        }
    }

    /** One read and one write; returns the requests whose agents had no room any more (none when {@code last}). */
    private List<Waiting> attempt(List<Waiting> batch, boolean last) {
        long zoneId = batch.get(0).request().zoneId();
        Set<Long> images = new LinkedHashSet<>();
        Instant at = batch.get(0).request().at();
        List<PlacementRequest> requests = new ArrayList<>(batch.size());
        for (Waiting w : batch) {
            images.add(w.request().imageId());
            at = w.request().at().isAfter(at) ? w.request().at() : at;
            requests.add(w.request());
        }
        PlacementView view = sessions.placementView(zoneId, images, at);
        List<Choice> choices = PlacementChoice.choose(view, requests);
        List<Session> chosen = new ArrayList<>();
        Map<String, Capacity> limits = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Choice c = choices.get(i);
            if (c.outcome() == Outcome.PLACED) {
                chosen.add(session(c));
                limits.put(c.agentId(), c.limit());
            } else {
                batch.get(i).result().complete(PlacementResult.not(c.outcome()));
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        Map<String, String> took = new HashMap<>();
        for (PlacedAgent a : sessions.placeAll(chosen, limits)) {
            took.put(a.agentId(), a.address());
        }
        List<Waiting> again = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (choices.get(i).outcome() != Outcome.PLACED) {
                continue;
            }
            Session s = chosen.get(next++);
            if (took.containsKey(s.agentId())) {
                batch.get(i).result().complete(PlacementResult.placed(s, took.get(s.agentId())));
            } else if (last) {
                batch.get(i).result().complete(PlacementResult.not(Outcome.NO_ROOM));
            } else {
                again.add(batch.get(i));
            }
        }
        return again;
    }

    private static Session session(Choice c) {
        PlacementRequest r = c.request();
        return new Session(r.sessionId(), r.zoneId(), r.imageId(), c.agentId(), r.kind(), r.state(), r.userName(),
                c.need(), r.at(), r.claimedAt(), r.expiresAt(), null);
    }
}
