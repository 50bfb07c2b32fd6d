package org.skyhold.providers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted faults of one fake cloud, by operation, and what the fake reports about its instances under them.
 * A fake asks {@link #take} once per request, with the request's operation name (the cloud's own: EC2's
 * {@code RunInstances}, Google's {@code instances.insert}, or for DigitalOcean the method and path), and carries
 * the fault out around its own answer: it renders an {@link Kind#ERROR} in its cloud's error body (and its
 * throttling header), sleeps for {@link Kind#SLOW} before answering, sleeps for {@link Kind#HANG} and then closes
 * the connection without an answer, closes at once for {@link Kind#RESET}, and for {@link Kind#LOSE_ANSWER} does
 * the work and then closes without answering (see {@link #hold} and {@link #dropsAnswer}).
 *
 * <p>Faults are queued per key ({@link #next}) or standing ({@link #always}) until {@link #heal}. A key matches an
 * operation when it equals it, or, for a {@link #byPrefix} fake, when the operation starts with it.
 */
public final class Faults {
    /** What a fault does to a request. */
    public enum Kind { ERROR, SLOW, HANG, RESET, LOSE_ANSWER }

    /**
     * One fault. {@code status}, {@code code} and {@code message} are an error answer's (null code: a bare status);
     * {@code retryAfterSeconds} becomes the cloud's throttling header when set; {@code delay} is how long a SLOW or
     * HANG request is held.
     */
    public record Fault(Kind kind, int status, String code, String message, Integer retryAfterSeconds,
                        Duration delay) {
        public static Fault error(int status, String code, String message) {
            return new Fault(Kind.ERROR, status, code, message, null, Duration.ZERO);
        }

        public static Fault throttle(int status, String code, String message, Integer retryAfterSeconds) {
            return new Fault(Kind.ERROR, status, code, message, retryAfterSeconds, Duration.ZERO);
        }

        /** The answer comes {@code d} late, but comes. */
        public static Fault slow(Duration d) {
            return new Fault(Kind.SLOW, 0, null, null, null, d);
        }

        /** Nothing is done and no answer comes for {@code d}; then the connection closes. */
        public static Fault hang(Duration d) {
            return new Fault(Kind.HANG, 0, null, null, null, d);
        }

        /** Nothing is done; the connection closes at once without an answer. */
        public static Fault reset() {
            return new Fault(Kind.RESET, 0, null, null, null, Duration.ZERO);
        }

        /** The request is carried out, but the connection closes before the answer. */
        public static Fault loseAnswer() {
            return new Fault(Kind.LOSE_ANSWER, 0, null, null, null, Duration.ZERO);
        }

        /** The request is carried out, but answered with this error (a gateway lost the cloud's answer). */
        public static Fault applyThenFail(int status, String code, String message) {
            return new Fault(Kind.LOSE_ANSWER, status, code, message, null, Duration.ZERO);
        }
    }

    private record Entry(String key, Fault fault, boolean standing) {
    }

    private final boolean prefix;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Kind, Integer> delivered = new LinkedHashMap<>();
    private final Map<String, Integer> creates = new LinkedHashMap<>();
    private int peakLive;

    private Faults(boolean prefix) {
        this.prefix = prefix;
    }

    /** Keys are operation names, matched exactly. */
    public static Faults byName() {
        return new Faults(false);
    }

    /** Keys match every operation that starts with them (DigitalOcean's "POST /droplets"). */
    public static Faults byPrefix() {
        return new Faults(true);
    }

    /** The next {@code times} requests of {@code key} meet {@code fault} (after those queued before). */
    public synchronized Faults next(String key, Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            entries.add(new Entry(key, fault, false));
        }
        return this;
    }

    public Faults next(String key, Fault fault) {
        return next(key, fault, 1);
    }

    /** Every request of {@code key} meets {@code fault} until {@link #heal} (queued ones come first). */
    public synchronized Faults always(String key, Fault fault) {
        entries.removeIf(e -> e.standing() && e.key().equals(key));
        entries.add(new Entry(key, fault, true));
        return this;
    }

    /** Every fault is lifted. */
    public synchronized void heal() {
        entries.clear();
    }

    /** The fault the next request of {@code operation} meets, or null; a queued one is used up. */
    public synchronized Fault take(String operation) {
        Entry found = null;
        for (Entry e : entries) {
            if (!e.standing() && matches(e.key(), operation)) {
                found = e;
                break;
            }
        }
        if (found == null) {
            found = entries.stream().filter(e -> e.standing() && matches(e.key(), operation)).findFirst()
                    .orElse(null);
        }
        if (found == null) {
            return null;
        }
        if (!found.standing()) {
            entries.remove(found);
        }
        delivered.merge(found.fault().kind(), 1, Integer::sum);
        return found.fault();
    }

    /** Whether faults are still queued for {@code key}. */
    public synchronized boolean pending(String key) {
        return entries.stream().anyMatch(e -> !e.standing() && e.key().equals(key));
    }

    /** How many requests met a fault of each kind. */
    public synchronized Map<Kind, Integer> delivered() {
        return Map.copyOf(delivered);
    }

    /**
     * The fake made an instance for {@code agent} (the value of its agent tag, null for none); {@code liveNow} is
     * how many instances are live (booting or running) with it.
     */
    public synchronized void created(String agent, int liveNow) {
        creates.merge(String.valueOf(agent), 1, Integer::sum);
        peakLive = Math.max(peakLive, liveNow);
    }

    /** How many instances the fake made for each agent, whatever became of them since. */
    public synchronized Map<String, Integer> createsByAgent() {
        return Map.copyOf(creates);
    }

    /** The most instances that were live at once, as the fake reported after its creates. */
    public synchronized int peakLive() {
        return peakLive;
    }

    /**
     * Holds the request for a SLOW or HANG fault (call it outside the fake's lock); true when the fake must then
     * close the connection without an answer (HANG, RESET).
     */
    public static boolean hold(Fault f) {
        if (f == null) {
            return false;
        }
        if (f.kind() == Kind.SLOW || f.kind() == Kind.HANG) {
            try {
                Thread.sleep(f.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the server is stopping: give up the answer
                return true;
            }
        }
        return f.kind() == Kind.HANG || f.kind() == Kind.RESET;
    }

    /** Whether the fault is an error answer the fake renders in its cloud's shape. */
    public static boolean isError(Fault f) {
        return f != null && f.kind() == Kind.ERROR;
    }

    /** Whether the fake must carry the request out and then close without an answer (a successful one only). */
    public static boolean dropsAnswer(Fault f, int status) {
        return f != null && f.kind() == Kind.LOSE_ANSWER && f.status() == 0 && status < 300;
    }

    /** Whether the fake must carry the request out and then answer the fault's error instead of its own. */
    public static boolean failsAfterApplying(Fault f) {
        return f != null && f.kind() == Kind.LOSE_ANSWER && f.status() > 0;
    }

    private boolean matches(String key, String operation) {
        return prefix ? operation.startsWith(key) : operation.equals(key);
    }
}
