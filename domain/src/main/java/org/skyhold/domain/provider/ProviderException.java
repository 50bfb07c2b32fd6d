package org.skyhold.domain.provider;

import java.time.Duration;
import org.skyhold.domain.model.ProviderErrorClass;

/**
 * A cloud call failed. {@code errorClass} tells the engine how to back off; {@code retryAfter} is set for a
 * throttled call when the cloud said how long to wait. The message is the cloud's own, shown to the operator on
 * the zone page. When the failure is an answer from the endpoint, {@code httpStatus} and {@code cloudCode} say
 * what it answered; "Test connection" shows only those, never the answer's text, because the endpoint may be
 * any host an operator typed (a probe of internal services must not read their pages back).
 */
public class ProviderException extends RuntimeException {
    private final ProviderErrorClass errorClass;
    private final transient Duration retryAfter;
    private final int httpStatus;
    private final String cloudCode;

    public ProviderException(ProviderErrorClass errorClass, String message, Duration retryAfter, Throwable cause) {
        this(errorClass, message, retryAfter, cause, 0, null);
    }

    /**
     * @param httpStatus the endpoint's HTTP status, 0 when the failure is no answer from it
     * @param cloudCode  the cloud's error code in that answer ({@code AuthFailure}, {@code not_found}), or null
     */
    public ProviderException(ProviderErrorClass errorClass, String message, Duration retryAfter, Throwable cause,
                             int httpStatus, String cloudCode) {
        super(message, cause);
        this.errorClass = errorClass;
        this.retryAfter = retryAfter;
        this.httpStatus = httpStatus;
        this.cloudCode = cloudCode == null || cloudCode.isBlank() ? null : cloudCode;
    }

    /** The endpoint's HTTP status, or 0 when the failure is not an answer from it. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The cloud's error code in its answer, or null when it gave none (or did not answer). */
    public String cloudCode() {
        return cloudCode;
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
