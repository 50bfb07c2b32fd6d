package org.skyhold.domain.engine;

/** Fences provider actions: a manager that lost a zone's lease must not act on it any more. */
public interface LeaseGuard {
    /**
     * Returns normally while this manager still holds the zone's lease with the epoch it acquired.
     *
     * @throws LeaseLostException otherwise
     */
    void check();

    /** For tests and tools that act without a loop. */
    LeaseGuard NONE = () -> { };
}
