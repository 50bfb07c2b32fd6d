package org.skyhold.domain.engine;

/** Fences provider actions: a manager that lost a zone's lease must not act on it any more. */
public interface LeaseGuard {
    /**
     * Returns normally while this manager still holds the zone's lease with the epoch it acquired.
     *
     * @throws LeaseLostException otherwise
     */
    void check();

    /**
     * The holder and epoch of the lease the actions were ordered under, which every write of a cloud result must
     * still find on the zone's lease row (checked in the same SQL statement as the write); null when the caller
     * acts without a lease (an operator's request, a tool), so the write is not fenced.
     */
    default Fence fence() {
        return null;
    }

    /** A lease as a write is fenced by: the manager that holds it and the epoch it holds it with. */
    record Fence(String managerId, long epoch) {
    }

    /** For tests and tools that act without a loop. */
    LeaseGuard NONE = () -> { };
}
