package org.skyhold.domain.provider;

import java.time.Duration;
import org.skyhold.domain.model.ProviderErrorClass;

/**
 * A cloud call failed. {@code errorClass} tells the engine how to back off; {@code retryAfter} is set for a
 * throttled call when the cloud said how long to wait. The message is the cloud's own, shown to the operator.
 */
public class ProviderException extends RuntimeException {
    private final ProviderErrorClass errorClass;
    private final transient Duration retryAfter;

    public ProviderException(ProviderErrorClass errorClass, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
        this.retryAfter = retryAfter;
    }

    public ProviderException(ProviderErrorClass errorClass, String message) {
        this(errorClass, message, null, null);
    }

    public ProviderErrorClass errorClass() {
        return errorClass;
    }

    /** How long the cloud asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
