package org.skyhold.app.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Event;
import org.skyhold.providers.Faults.Fault;

/**
 * The faults of the matrix: what each arms on a cloud's create call while the zone scales up and on its delete
 * call while it scales down, and the event that shows it on the zone.
 */
enum CloudFault {
    SERVER_ERRORS("5xx burst"),
    THROTTLED("429 + Retry-After"),
    TIMEOUT("timeout"),
    RESET("reset"),
    SLOW("slow"),
    CREATE_LOST("create answer lost"),
    DELETE_LOST("delete answer lost");

    /** Longer than the engine's 10 s call timeout, which ends the call first. */
    static final Duration HANG = Duration.ofSeconds(11);
    /** Slow, but well within every timeout. */
    static final Duration SLOWNESS = Duration.ofMillis(1500);
    /** Within what the actuator absorbs by waiting (10 s); a longer one backs the provider off instead. */
    static final int RETRY_AFTER_SECONDS = 5;

    final String label;

    CloudFault(String label) {
        this.label = label;
    }

    /** Arms the fault on the create call (the scale-up phase). */
    void armCreate(FaultCloud c) {
        arm(c, c.createCall(), this == CREATE_LOST);
    }

    /** Arms the fault on the delete call (the scale-down phase). */
    void armDelete(FaultCloud c) {
        arm(c, c.deleteCall(), this == DELETE_LOST);
    }

    private void arm(FaultCloud c, String call, boolean lose) {
        switch (this) {
            case SERVER_ERRORS -> c.faults().next(call, c.serverError(), 3);
            case THROTTLED -> c.faults().next(call, c.throttle(RETRY_AFTER_SECONDS), 2);
            case TIMEOUT -> c.faults().next(call, Fault.hang(HANG), 1);
            case RESET -> c.faults().next(call, Fault.reset(), 2);
            case SLOW -> c.faults().next(call, Fault.slow(SLOWNESS), 2);
            case CREATE_LOST, DELETE_LOST -> {
                if (lose) {
                    c.faults().next(call, Fault.loseAnswer());
                }
            }
        }
    }

    /**
     * The zone's event that shows this fault, if any: for an error answer one naming the cloud's error code, for a
     * timeout one saying so, for a broken connection a provider error or an unanswered create. A slow call is no
     * fault to show (empty, and {@link #expectsEvent} is false).
     */
    Optional<String> shownBy(List<Event> events, FaultCloud c) {
        return events.stream().filter(e -> switch (this) {
            case SERVER_ERRORS -> e.reason().contains(c.serverError().code());
            case THROTTLED -> e.kind().equals("provider.throttled")
                    || e.reason().contains(c.throttle(RETRY_AFTER_SECONDS).code());
            case TIMEOUT -> e.reason().contains("timed out");
            case RESET, CREATE_LOST, DELETE_LOST -> e.kind().equals("provider.error")
                    || e.kind().equals("agent.create_unanswered");
            case SLOW -> false;
        }).map(e -> e.kind() + ": " + e.reason()).findFirst();
    }

    boolean expectsEvent() {
        return this != SLOW;
    }
}
