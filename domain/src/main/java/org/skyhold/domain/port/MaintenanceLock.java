package org.skyhold.domain.port;

/**
 * An installation-wide lock for housekeeping that one manager at a time should do (every manager sharing the
 * database schedules it; whichever takes the lock does it, the others skip). Blocking; failures throw
 * {@link RepositoryException}.
 */
public interface MaintenanceLock {
    /**
     * Runs {@code work} in this thread while holding the lock named {@code job}, released afterwards (also when
     * {@code work} throws, and when this manager's connection dies).
     *
     * @return false, running nothing, when another manager holds the lock now
     */
    boolean runAlone(String job, Runnable work);
}
