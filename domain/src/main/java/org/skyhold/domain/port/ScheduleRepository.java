package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.schedule.ScheduleWindow;

/** Stores zones' standby windows. Blocking; failures throw {@link RepositoryException}. */
public interface ScheduleRepository {
    /**
     * Checks a window against the zone's other windows before it is written; throws (any runtime exception) to
     * refuse, and nothing is written.
     */
    @FunctionalInterface
    interface Check {
        void against(List<ScheduleWindow> others);
    }

    /** The zone's windows by id. */
    List<ScheduleWindow> listByZone(long zoneId);

    /** The window, or empty. */
    Optional<ScheduleWindow> find(long id);

    /**
     * Stores a new window of its zone with its staged-session counts, in one transaction that holds the zone's row
     * lock while {@code check} looks at the zone's other windows, so two saves cannot both pass an overlap check.
     * Throws {@link DuplicateNameException} (field {@code name}) when the zone has a window of that name.
     */
    ScheduleWindow create(ScheduleWindow window, Check check);

    /** Replaces the window (matched by id) as {@link #create} does; empty when it does not exist. */
    Optional<ScheduleWindow> update(ScheduleWindow window, Check check);

    /** Deletes it; false when missing. */
    boolean delete(long id);
}
