package org.skyhold.app.auth;

import java.time.Duration;

/** A sign-in was refused; the message is safe to show, {@code retryAfter} is non-zero when throttled. */
public final class LoginRefusedException extends RuntimeException {
    private final transient Duration retryAfter;

    public LoginRefusedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
