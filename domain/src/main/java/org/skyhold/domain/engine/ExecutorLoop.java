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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneLease;

/**
 * Runs every zone's loop on this manager, but only for the zones whose lease it holds: the lease is a row in
 * PostgreSQL with a time to live, renewed by every pass and, on its own schedule (every third of its time to
 * live), while cloud calls ordered under it are still in flight; another manager takes it over once it expires.
 * A zone runs at most one pass at a time here; a wake-up during a pass runs one more pass right after it. The
 * cloud calls a pass orders run on the {@link Actuator}, whose completions write their results fenced by the
 * lease's epoch.
 */
public final class ExecutorLoop implements AutoCloseable {
    /** The longest a placement's or an end's pass waits, so that many of them share it (see {@link #nudge}). */
    public static final Duration NUDGE_DELAY = Duration.ofMillis(100);
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
    private final Set<Long> nudged = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> held = new ConcurrentHashMap<>();
    private final AtomicInteger passes = new AtomicInteger();
    private final Actuator actuator;
    private volatile boolean closed;

    public ExecutorLoop(EnginePorts ports, ZoneReconciler reconciler, Actuator actuator, String managerId, Clock clock,
                        Duration tick, Duration leaseTtl, int threads) {
        this.ports = ports;
        this.actuator = actuator;
        actuator.onWake(this::wake);
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
        long renew = Math.max(1, leaseTtl.toMillis() / 3);
        scheduler.scheduleAtFixedRate(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a pass of the zone within {@link #NUDGE_DELAY} (a session was placed or ended): such changes come many a
     * second under load and each moves free capacity a little, so those within the delay share one pass instead of
     * each waking one.
     */
    public void nudge(long zoneId) {
        if (closed || !nudged.add(zoneId)) {
            return;
        }
        passes.incrementAndGet();
        try {
            scheduler.schedule(() -> {
                try {
                    nudged.remove(zoneId);
                    wake(zoneId);
                } finally {
                    passes.decrementAndGet();
                }
            }, NUDGE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            nudged.remove(zoneId); // closing
            passes.decrementAndGet();
        }
    }

    /** Runs the zone's loop now (a refused session request, a check-in or a settings change happened). */
    public void wake(long zoneId) {
        if (!closed) {
            passes.incrementAndGet();
            workers.execute(() -> {
                try {
                    passIfIdle(zoneId);
                } finally {
                    passes.decrementAndGet();
                }
            });
        }
    }

    /**
     * Waits until no pass is running or queued and no cloud call is queued or in flight, including the passes
     * that failed calls' completions asked for; for tests that step time and then look.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int quiet = 0;
            while (quiet < 2) { // twice in a row: a completion may wake a pass just as the last one ends
                long left = deadline - System.nanoTime();
                if (left <= 0 || !actuator.awaitIdle(Duration.ofNanos(left))) {
                    return false;
                }
                quiet = passes.get() == 0 && actuator.outstanding() == 0 ? quiet + 1 : 0;
                Thread.sleep(quiet == 0 ? 5 : 1);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
        if (wakeAgain.remove(zoneId)) {
            wake(zoneId); // a wake-up that came during this pass (a failed create's) is not lost
        }
    }

    /** A woken pass: when the zone is busy, one more pass follows the current one instead. */
    private void passIfIdle(long zoneId) {
        ReentrantLock lock = lock(zoneId);
        while (!closed) {
            if (!lock.tryLock()) {
                wakeAgain.add(zoneId);
                // the holder looks at wakeAgain once it has unlocked: if it still holds the lock it will see this
                // entry; if it let go meanwhile, take the entry back (unless it did) and try again
                if (lock.isLocked() || !wakeAgain.remove(zoneId)) {
                    return;
                }
                continue;
            }
            try {
                pass(zoneId);
            } finally {
                lock.unlock();
            }
            if (!wakeAgain.remove(zoneId)) {
                return;
            }
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
            held.put(zoneId, epoch);
            reconciler.reconcile(zoneId, now, guard(zoneId, epoch));
        } catch (LeaseLostException e) {
            LOG.log(Level.WARNING, "stopped acting on zone " + zoneId + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the loop of zone " + zoneId + " failed: " + e.getMessage(), e);
        }
    }

    private LeaseGuard guard(long zoneId, long epoch) {
        LeaseGuard.Fence fence = new LeaseGuard.Fence(managerId, epoch);
        return new LeaseGuard() {
            @Override
            public void check() {
                checkLease(zoneId, epoch);
            }

            @Override
            public Fence fence() {
                return fence;
            }
        };
    }

    /**
     * Renews the leases of the zones this manager holds, between passes too, so a pass's cloud calls that are
     * still in flight keep their lease; a lease found lost (another manager's epoch) is forgotten.
     */
    private void renewLeases() {
        for (Map.Entry<Long, Long> e : held.entrySet()) {
            try {
                Instant now = clock.instant();
                Optional<ZoneLease> lease = ports.leases().acquire(e.getKey(), managerId, now, now.plus(leaseTtl));
                if (lease.isEmpty() || lease.get().epoch() != e.getValue()) {
                    held.remove(e.getKey(), e.getValue());
                }
            } catch (RuntimeException ex) {
                held.remove(e.getKey(), e.getValue()); // the next pass takes it again if it can
                LOG.log(Level.WARNING, "could not renew the lease of zone " + e.getKey() + ": " + ex.getMessage());
            }
        }
    }

    private void checkLease(long zoneId, long epoch) {
        Instant now = clock.instant();
        Optional<ZoneLease> current = ports.leases().find(zoneId);
        if (current.isEmpty() || current.get().epoch() != epoch || !current.get().heldBy(managerId, now)) {
            throw new LeaseLostException("the lease of zone " + zoneId + " passed to another manager");
        }
    }

    /**
     * Stops the loops, waits (up to 15 s) for the cloud calls already ordered to answer, and gives up this
     * manager's leases so another manager can take over at once.
     */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
            // the calls already ordered answer under the lease they were ordered under (the actuator is its owner's
            // to close: a tool may still run passes by hand)
            actuator.awaitIdle(Duration.ofSeconds(15));
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
