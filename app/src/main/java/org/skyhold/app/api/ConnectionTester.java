package org.skyhold.app.api;

import org.skyhold.domain.model.VmProviderConfig;

/** Tries a provider's credentials and settings against its cloud. */
public interface ConnectionTester {
    /** The outcome, with a message for the operator. */
    record Result(boolean ok, String message) {
    }

    /**
     * Tests the provider's connection. Blocking (may call the cloud); never throws for a cloud failure, which
     * is a result with {@code ok == false} and the cloud's message.
     */
    Result test(VmProviderConfig config);
}
