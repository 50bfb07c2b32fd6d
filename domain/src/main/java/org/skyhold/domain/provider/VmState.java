package org.skyhold.domain.provider;

/** The one small vocabulary every cloud's instance states map to. */
public enum VmState {
    /** Requested or booting. */
    CREATING,
    /** Up (the agent on it may still be starting). */
    RUNNING,
    /** Being stopped or terminated. */
    DELETING,
    /** Terminated, or never existed. */
    GONE
}
