package org.skyhold.app.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.skyhold.domain.engine.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Retention#prune} on its own daemon thread a minute after start and then once a day. Every manager
 * runs it; the retention lock lets one of them prune at a time. A failed prune is logged and tried the next day.
 */
public final class DailyRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DailyRetention.class);
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofDays(1);

    private final Retention retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "skyhold-retention");
        t.setDaemon(true);
        return t;
    });

    public DailyRetention(Retention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::pruneNow, FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void pruneNow() {
        try {
            retention.prune(clock.instant()).ifPresentOrElse(
                    p -> LOG.info("retention: deleted {} events older than {} days and {} expired web sessions",
                            p.events(), retention.keepEvents().toDays(), p.webSessions()),
                    () -> LOG.info("retention: another manager is pruning"));
        } catch (RuntimeException e) {
            LOG.warn("retention: pruning failed, next try in a day: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
