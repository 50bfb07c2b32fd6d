package org.skyhold.app.reliability;

import java.util.List;
import org.skyhold.app.engine.Scenario;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;

/**
 * One fake cloud as the fault matrix drives it: where its faults are scripted, the names of its create, delete
 * and describe calls, its own forms of a server error and of throttling, and the lives of its instances.
 */
interface FaultCloud extends AutoCloseable {
    /** An instance the cloud holds that is neither being deleted nor gone, with the agent its tag names. */
    record Vm(String id, String agent, boolean running) {
    }

    /** The provider kind (aws, digitalocean, ...). */
    String kind();

    /** The fake's scripted faults and what it counted of its instances. */
    Faults faults();

    /** The fault key of the cloud's create call. */
    String createCall();

    /** The fault key of the cloud's delete call. */
    String deleteCall();

    /** A 5xx in the cloud's own error shape. */
    Fault serverError();

    /** Throttling as the cloud answers it, asking to wait {@code seconds} where the cloud says so. */
    Fault throttle(int seconds);

    /**
     * Whether the cloud's client (or its HTTP transport) tries a call again by itself after this fault, so that a
     * fault it cures never reaches the engine and so is no event.
     */
    default boolean clientRetries(CloudFault fault) {
        return false;
    }

    /** Saves a VM provider of this cloud pointed at the fake, capped at {@code maxInstances}; its id. */
    long saveProvider(Scenario s, long zone, int maxInstances, String startupScript);

    /** The live instances. */
    List<Vm> live();

    /** The instance boots (and gets its addresses). */
    void boot(String id);

    /** The instance's startup script checks in; the HTTP status of the check-in. */
    int checkIn(String id);

    /** Deletions in progress finish. */
    void settle();

    @Override
    void close();
}
