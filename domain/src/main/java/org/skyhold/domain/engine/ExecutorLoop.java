package org.skyhold.domain.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneLease;

/**
 * Runs every zone's loop on this manager, but only for the zones whose lease it holds: the lease is a row in
 * PostgreSQL with a time to live, renewed by every pass and taken over by another manager once it expires.
 * A zone runs at most one pass at a time here; a wake-up during a pass runs one more pass right after it.
 */
public final class ExecutorLoop implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ExecutorLoop.class.getName());

    private final EnginePorts ports;
    private final ZoneReconciler reconciler;
    private final String managerId;
    private final Clock clock;
    private final Duration tick;
    private final Duration leaseTtl;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<Long> wakeAgain = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ExecutorLoop(EnginePorts ports, ZoneReconciler reconciler, String managerId, Clock clock, Duration tick,
                        Duration leaseTtl, int threads) {
        this.ports = ports;
        this.reconciler = reconciler;
        this.managerId = managerId;
        this.clock = clock;
        this.tick = tick;
        this.leaseTtl = leaseTtl;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "skyhold-loop"));
        this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "skyhold-zone"));
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::tickAll, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the zone's loop now (a session request, a check-in or a settings change happened). */
    public void wake(long zoneId) {
        if (!closed) {
            workers.execute(() -> passIfIdle(zoneId));
        }
    }

    public String managerId() {
        return managerId;
    }

    /** Who runs the zone now, if anyone holds a live lease. */
    public Optional<ZoneLease> primary(long zoneId) {
        Instant now = clock.instant();
        return ports.leases().find(zoneId).filter(l -> now.isBefore(l.expiresAt()));
    }

    private void tickAll() {
        try {
            for (Zone zone : ports.zones().list()) {
                wake(zone.id());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not list zones: " + e.getMessage());
        }
    }

    /**
     * One pass of one zone now, waiting for a pass in progress to finish first; for tests that step time and for
     * tools. The pass acts only when this manager holds (or can take) the zone's lease.
     */
    public void runZone(long zoneId) {
        ReentrantLock lock = lock(zoneId);
        lock.lock();
        try {
            pass(zoneId);
        } finally {
            lock.unlock();
        }
    }

    /** A woken pass: when the zone is busy, one more pass follows the current one instead. */
    private void passIfIdle(long zoneId) {
        ReentrantLock lock = lock(zoneId);
        if (!lock.tryLock()) {
            wakeAgain.add(zoneId);
            return;
        }
        try {
            pass(zoneId);
        } finally {
            lock.unlock();
        }
        if (wakeAgain.remove(zoneId) && !closed) {
            workers.execute(() -> passIfIdle(zoneId));
        }
    }

    private ReentrantLock lock(long zoneId) {
        return locks.computeIfAbsent(zoneId, id -> new ReentrantLock());
    }

    private void pass(long zoneId) {
        try {
            Instant now = clock.instant();
            Optional<ZoneLease> lease = ports.leases().acquire(zoneId, managerId, now, now.plus(leaseTtl));
            if (lease.isEmpty()) {
                return;
            }
            long epoch = lease.get().epoch();
            reconciler.reconcile(zoneId, now, () -> fence(zoneId, epoch));
        } catch (LeaseLostException e) {
            LOG.log(Level.WARNING, "stopped acting on zone " + zoneId + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the loop of zone " + zoneId + " failed: " + e.getMessage(), e);
        }
    }

    private void fence(long zoneId, long epoch) {
        Instant now = clock.instant();
        Optional<ZoneLease> current = ports.leases().find(zoneId);
        if (current.isEmpty() || current.get().epoch() != epoch || !current.get().heldBy(managerId, now)) {
            throw new LeaseLostException("the lease of zone " + zoneId + " passed to another manager");
        }
    }

    /** Stops the loops and gives up this manager's leases so another manager can take over at once. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (Zone zone : ports.zones().list()) {
                ports.leases().release(zone.id(), managerId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not release leases: " + e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
