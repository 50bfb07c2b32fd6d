package org.skyhold.providers.digitalocean;

import java.time.Duration;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * A DigitalOcean call that failed, classified for the engine, with the HTTP status (0 when no answer came) and the
 * API's error id, so the clients of one concern can tell a missing resource from a failure.
 */
final class DoApiException extends ProviderException {
    private final int status;
    private final String apiId;

    DoApiException(ProviderErrorClass errorClass, int status, String apiId, String message, Duration retryAfter,
                   Throwable cause) {
        super(errorClass, message, retryAfter, cause, status, apiId);
        this.status = status;
        this.apiId = apiId;
    }

    /** The HTTP status, or 0 when the request got no answer (connection refused, timeout). */
    int status() {
        return status;
    }

    /** The {@code id} of the API's error body ({@code not_found}, {@code unprocessable_entity}, ...), or "". */
    String apiId() {
        return apiId;
    }

    /** A failure that may pass by itself: a server error or no answer at all. */
    boolean transientFailure() {
        return status == 0 || status >= 500;
    }
}
