package org.skyhold.domain.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The agent lifecycle of DESIGN.md §4: {@code pending -> starting -> running -> (draining) -> destroying ->
 * destroyed}, with {@code failed}, {@code missing} (missed heartbeats) and {@code dead} (missed them for long).
 */
public enum AgentState implements WireEnum {
    PENDING, STARTING, RUNNING, DRAINING, DESTROYING, DESTROYED, FAILED, MISSING, DEAD;

    /** States whose VM may exist in the cloud and so counts against max instances. */
    public static final Set<AgentState> LIVE =
            EnumSet.of(PENDING, STARTING, RUNNING, DRAINING, DESTROYING, MISSING, DEAD);

    /** States whose capacity counts as free capacity (present or on its way). */
    public static final Set<AgentState> SCHEDULABLE = EnumSet.of(STARTING, RUNNING);

    public boolean isLive() {
        return LIVE.contains(this);
    }
}
