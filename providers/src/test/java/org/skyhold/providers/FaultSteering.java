package org.skyhold.providers;

import org.skyhold.providers.Faults.Fault;

/**
 * How a test steers a fake cloud's faults by operation name (the cloud's own name for it: {@code RunInstances},
 * {@code LaunchInstance}, {@code instances.insert}, {@code PutVm}); each fake answers the fault in its cloud's form.
 */
public interface FaultSteering {
    /** The faults scripted for this fake. */
    Faults faults();

    /** The next call of {@code operation} fails so (queued: call again for the one after); a null code answers the bare status. */
    default void failNext(String operation, int status, String code, String message) {
        faults().next(operation, Fault.error(status, code, message));
    }

    /** The next call of {@code operation} fails so, as a throttle when {@code retryAfterSeconds} is set (queued). */
    default void failNext(String operation, int status, String code, String message, Integer retryAfterSeconds) {
        faults().next(operation, Fault.throttle(status, code, message, retryAfterSeconds));
    }

    /** Every call of {@code operation} fails so until {@link #heal}. */
    default void failAlways(String operation, int status, String code, String message) {
        faults().always(operation, Fault.error(status, code, message));
    }

    /** Every fault is lifted. */
    default void heal() {
        faults().heal();
    }

    /** The next call of {@code operation} is carried out, but its answer is lost: the connection just closes. */
    default void loseNextAnswer(String operation) {
        faults().next(operation, Fault.loseAnswer());
    }
}
