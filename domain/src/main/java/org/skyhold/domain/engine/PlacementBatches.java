package org.skyhold.domain.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult;

/**
 * Groups concurrent placements of one zone into batches ({@link PlacementBatch}): a request waits while its zone's
 * current batch runs and then goes with every other request that arrived meanwhile, so under load the database
 * reads the zone once and commits once for many sessions, and when idle a request runs at once alone. One batch of
 * a zone runs at a time on this manager, on {@code runner}; zones run side by side.
 */
final class PlacementBatches {
    /** The most requests one batch takes; the rest wait for the next. */
    static final int MAX_BATCH = 64;

    private final PlacementBatch batch;
    private final Executor runner;
    private final Map<Long, ZoneQueue> zones = new ConcurrentHashMap<>();

    /** A zone's waiting requests, and whether a runner is draining them. */
    private static final class ZoneQueue {
        final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    /** A request and where its result goes. */
    record Waiting(PlacementRequest request, CompletableFuture<PlacementResult> result) {
    }

    PlacementBatches(PlacementBatch batch, Executor runner) {
        this.batch = batch;
        this.runner = runner;
    }

    /**
     * Places the request with whatever batch it joins and waits for its result.
     *
     * @throws RuntimeException what placing it threw (a repository failure)
     */
    PlacementResult place(PlacementRequest request) {
        return placeTogether(List.of(request)).get(0);
    }

    /**
     * Places requests of one zone with whatever batch they join, in their order (a staging pass's sessions go
     * together), and waits for all of them.
     *
     * @throws RuntimeException the first failure among them (a repository failure)
     */
    List<PlacementResult> placeTogether(List<PlacementRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        ZoneQueue zone = zones.computeIfAbsent(requests.get(0).zoneId(), id -> new ZoneQueue());
        List<Waiting> mine = new ArrayList<>(requests.size());
        for (PlacementRequest r : requests) {
            Waiting w = new Waiting(r, new CompletableFuture<>());
            mine.add(w);
            zone.waiting.add(w);
        }
        if (zone.draining.compareAndSet(false, true)) {
            try {
                runner.execute(() -> drain(zone));
            } catch (RejectedExecutionException e) {
                drain(zone); // shutting down: this thread places what waits
            }
        }
        List<PlacementResult> results = new ArrayList<>(mine.size());
        for (Waiting w : mine) {
            try {
                results.add(w.result().join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return results;
    }

    /** Requests of the zone waiting for a batch (not those in the running one); for tests. */
    int waiting(long zoneId) {
        ZoneQueue zone = zones.get(zoneId);
        return zone == null ? 0 : zone.waiting.size();
    }

    private void drain(ZoneQueue zone) {
        while (true) {
            List<Waiting> next = new ArrayList<>();
            for (Waiting w; next.size() < MAX_BATCH && (w = zone.waiting.poll()) != null; ) {
                next.add(w);
            }
            if (next.isEmpty()) {
                zone.draining.set(false);
                // a request that came after the poll but saw draining still set needs this runner to go on
                if (zone.waiting.isEmpty() || !zone.draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            batch.run(next);
        }
    }
}
