package org.skyhold.providers.oci;

import com.oracle.bmc.model.BmcException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Turns what OCI answers into the engine's error classes; the message shown to the operator is OCI's own, with
 * its error code and the {@code opc-request-id} Oracle support asks for.
 */
final class OciErrors {
    private static final Set<String> QUOTA = Set.of("LimitExceeded", "QuotaExceeded");
    private static final Set<String> BAD_CONFIG = Set.of("NotAuthorizedOrNotFound", "InvalidParameter");

    private final RetryAfters retryAfters;

    OciErrors(RetryAfters retryAfters) {
        this.retryAfters = retryAfters;
    }

    /** The error class of an answer's status, code and message. */
    static ProviderErrorClass classify(int status, String code, String message) {
        if (status == 429) {
            return ProviderErrorClass.THROTTLED;
        }
        if (message != null && message.toLowerCase().contains("out of host capacity")) {
            return ProviderErrorClass.CAPACITY;
        }
        if (code != null && QUOTA.contains(code)) {
            return ProviderErrorClass.QUOTA;
        }
        if (status == 401 || "NotAuthenticated".equals(code)) {
            return ProviderErrorClass.AUTH;
        }
        if (code != null && BAD_CONFIG.contains(code)) {
            return ProviderErrorClass.BAD_CONFIG;
        }
        return ProviderErrorClass.OTHER;
    }

    /** The engine's exception for a failed call to {@code service} ("OCI Compute", "OCI DNS"). */
    ProviderException of(BmcException e, String service) {
        if (e.isClientSide() || e.getStatusCode() <= 0) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getUnmodifiedMessage();
            return new ProviderException(ProviderErrorClass.OTHER, "could not reach " + service + ": " + why, null,
                    e);
        }
        String message = e.getUnmodifiedMessage() == null ? "HTTP " + e.getStatusCode() : e.getUnmodifiedMessage();
        ProviderErrorClass c = classify(e.getStatusCode(), e.getServiceCode(), message);
        Duration wait = c == ProviderErrorClass.THROTTLED ? retryAfters.forRequest(e.getOpcRequestId()) : null;
        String text = service + " " + (e.getServiceCode() == null ? "error" : e.getServiceCode()) + " (HTTP "
                + e.getStatusCode() + "): " + message
                + (e.getOpcRequestId() == null ? "" : " (opc-request-id " + e.getOpcRequestId() + ")");
        return new ProviderException(c, text, wait, e);
    }

    /** Runs one SDK call, turning its failure into a classified exception. */
    <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (BmcException e) {
            throw of(e, service);
        }
    }

    static boolean isNotFound(BmcException e) {
        return e.getStatusCode() == 404;
    }
}
