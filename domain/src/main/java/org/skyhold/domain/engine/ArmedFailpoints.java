package org.skyhold.domain.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Failpoints} with some points armed: each fires on its {@code n}-th hit (1 = the first), so a crash can
 * land mid-fleet rather than on the first agent. Firing is the {@link Crash}'s business (the app's halts the JVM
 * as {@code kill -9} would); the hits of points that are not armed cost one map lookup.
 */
public final class ArmedFailpoints implements Failpoints {
    /** What a point that fires does. */
    public interface Crash {
        /** The point {@code name} fired on its {@code hit}-th hit; the app's implementation never returns. */
        void fire(String name, int hit);
    }

    private record Armed(int at, AtomicInteger hits) {
    }

    private final Map<String, Armed> armed;
    private final Crash crash;

    /**
     * @param atHit the armed points, each with the hit it fires at (1 or more); every name is one of
     *              {@link Failpoints#NAMES}
     */
    public ArmedFailpoints(Map<String, Integer> atHit, Crash crash) {
        atHit.forEach((name, at) -> {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown failpoint " + name + "; known: " + String.join(", ", NAMES));
            }
            if (at < 1) {
                throw new IllegalArgumentException("failpoint " + name + " must fire at hit 1 or later, not " + at);
            }
        });
        Map<String, Armed> points = new HashMap<>();
        atHit.forEach((name, at) -> points.put(name, new Armed(at, new AtomicInteger())));
        this.armed = Map.copyOf(points);
        this.crash = crash;
    }

    @Override
    public void hit(String name) {
        Armed a = armed.get(name);
        if (a != null) {
            int n = a.hits().incrementAndGet();
            if (n == a.at()) {
                crash.fire(name, n);
            }
        }
    }
}
