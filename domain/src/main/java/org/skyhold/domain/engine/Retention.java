package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;
import org.skyhold.domain.port.MaintenanceLock;
import org.skyhold.domain.port.WebSessionRepository;

/**
 * What Skyhold keeps and for how long: events for {@code keepEvents} (SKYHOLD_EVENT_RETENTION_DAYS, 90 days by
 * default), browser sign-ins until they expire. Every manager runs {@link #prune} daily; the one that takes the
 * installation's {@code retention} lock prunes, so managers sharing a database do the work once, not once each.
 */
public final class Retention {
    /** The lock's name: one pruning at a time across the managers of an installation. */
    static final String JOB = "retention";

    private final EventRepository events;
    private final WebSessionRepository webSessions;
    private final MaintenanceLock lock;
    private final Duration keepEvents;

    public Retention(EventRepository events, WebSessionRepository webSessions, MaintenanceLock lock,
                     Duration keepEvents) {
        this.events = events;
        this.webSessions = webSessions;
        this.lock = lock;
        this.keepEvents = keepEvents;
    }

    /** How many rows a prune removed. */
    public record Pruned(int events, int webSessions) {
    }

    /** How long events are kept. */
    public Duration keepEvents() {
        return keepEvents;
    }

    /**
     * Deletes the events older than the retention and the web sessions expired at {@code now}, and records one
     * event saying how many when anything went.
     *
     * @return what was removed; empty when another manager holds the lock (and is pruning)
     */
    public Optional<Pruned> prune(Instant now) {
        Pruned[] done = new Pruned[1];
        boolean ran = lock.runAlone(JOB, () -> {
            int oldEvents = events.deleteOlderThan(now.minus(keepEvents));
            int expired = webSessions.deleteExpired(now);
            done[0] = new Pruned(oldEvents, expired);
        });
        if (!ran) {
            return Optional.empty();
        }
        if (done[0].events() > 0 || done[0].webSessions() > 0) {
            events.append(Event.of(now, null, null, "retention.pruned", "system", "deleted " + done[0].events()
                    + " events older than " + keepEvents.toDays() + " days and " + done[0].webSessions()
                    + " expired web sessions"));
        }
        return Optional.of(done[0]);
    }
}
