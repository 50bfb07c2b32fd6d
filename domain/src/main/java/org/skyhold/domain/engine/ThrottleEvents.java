package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Makes a throttled cloud call visible on its zone. The actuator absorbs a throttle whose Retry-After is short (it
 * waits and tries the call again), so the call's completion, which records failures, never hears of it: without
 * this an operator saw nothing of a cloud that throttled every create. The first throttled answer of an action is
 * recorded as {@code provider.throttled} with the cloud's message; the ones after it are the same story.
 */
final class ThrottleEvents {
    private ThrottleEvents() {
    }

    /**
     * {@code call}, recording its first throttled answer as an event of the zone (and agent) at {@code now}, the
     * time of the pass that ordered it; the exception is rethrown as it was.
     */
    static <T> Supplier<T> recorded(EnginePorts ports, long zoneId, String agentId, String what, Instant now,
                                    Supplier<T> call) {
        AtomicBoolean told = new AtomicBoolean();
        return () -> {
            try {
                return call.get();
            } catch (ProviderException e) {
                if (e.errorClass() == ProviderErrorClass.THROTTLED && told.compareAndSet(false, true)) {
                    ports.events().record(now, zoneId, agentId, "provider.throttled", what + " was throttled ("
                            + (e.retryAfter() == null ? "no Retry-After" : "Retry-After " + e.retryAfter().toSeconds()
                            + " s") + "); it is tried again when the cloud allows: " + e.getMessage());
                }
                throw e;
            }
        };
    }
}
