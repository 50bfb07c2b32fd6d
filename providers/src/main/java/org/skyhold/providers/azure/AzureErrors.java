package org.skyhold.providers.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Turns what Azure answers into the engine's error classes. The message shown to the operator is Azure's own, with
 * its error code, the HTTP status and the {@code x-ms-request-id} Azure support asks for.
 */
final class AzureErrors {
    static final Set<String> CAPACITY = Set.of("SkuNotAvailable", "AllocationFailed", "ZonalAllocationFailed",
            "OverconstrainedAllocationRequest", "OverconstrainedZonalAllocationRequest");
    static final Set<String> AUTH = Set.of("AuthenticationFailed", "InvalidAuthenticationToken",
            "InvalidAuthenticationTokenTenant", "AuthorizationFailed", "ExpiredAuthenticationToken");
    static final Set<String> BAD_CONFIG = Set.of("InvalidParameter", "ResourceNotFound", "NotFound",
            "ResourceGroupNotFound", "InvalidResourceReference", "ImageNotFound", "PlatformImageNotFound",
            "InvalidSubnetId", "SubnetNotFound", "NetworkSecurityGroupNotFound", "LinkedInvalidPropertyId",
            "InvalidRequestFormat", "InvalidTemplate", "BadRequest");

    private AzureErrors() {
    }

    /** The error class of an answer's status, code and message. */
    static ProviderErrorClass classify(int status, String code, String message) {
        String c = code == null ? "" : code;
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (status == 429 || c.equals("TooManyRequests")) {
            return ProviderErrorClass.THROTTLED;
        }
        if (CAPACITY.contains(c)) {
            return ProviderErrorClass.CAPACITY;
        }
        if (c.equals("QuotaExceeded") || c.equals("OperationNotAllowed") && m.contains("quota")) {
            return ProviderErrorClass.QUOTA;
        }
        if (status == 401 || AUTH.contains(c)) {
            return ProviderErrorClass.AUTH;
        }
        if (BAD_CONFIG.contains(c) || status == 404) {
            return ProviderErrorClass.BAD_CONFIG;
        }
        return ProviderErrorClass.OTHER;
    }

    /** The engine's exception for a failed call to {@code service} ("Azure Compute", "Azure DNS"). */
    static ProviderException of(RuntimeException e, String service) {
        MsalServiceException refused = credentialRefusal(e);
        if (refused != null) {
            return new ProviderException(ProviderErrorClass.AUTH, service + ": Microsoft Entra ID refused the client "
                    + "credentials: " + firstLine(refused.getMessage()), null, e,
                    refused.statusCode() == null ? 0 : refused.statusCode(),
                    refused.errorCode());
        }
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            int status = h.getResponse().getStatusCode();
            ManagementError error = e instanceof ManagementException m ? m.getValue() : null;
            String code = error == null ? null : error.getCode();
            String message = error == null || error.getMessage() == null ? firstLine(e.getMessage())
                    : error.getMessage();
            ProviderErrorClass c = classify(status, code, message);
            Duration wait = c == ProviderErrorClass.THROTTLED ? seconds(h.getResponse().getHeaderValue("Retry-After"))
                    : null;
            String requestId = h.getResponse().getHeaderValue("x-ms-request-id");
            return new ProviderException(c, service + " " + (code == null ? "error" : code) + " (HTTP " + status
                    + "): " + message + (requestId == null ? "" : " (x-ms-request-id " + requestId + ")"), wait, e,
                    status, code);
        }
        if (e instanceof ClientAuthenticationException) {
            return new ProviderException(ProviderErrorClass.OTHER, "could not get a token for " + service + ": "
                    + firstLine(e.getMessage()), null, e);
        }
        return new ProviderException(ProviderErrorClass.OTHER, "could not reach " + service + ": "
                + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()), null, e);
    }

    /** Runs one SDK call, turning its failure into a classified exception. */
    static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw of(e, service);
        }
    }

    static boolean isNotFound(RuntimeException e) {
        return e instanceof HttpResponseException h && h.getResponse() != null && h.getResponse().getStatusCode() == 404;
    }

    /** MSAL's refusal of the client id or secret ({@code invalid_client} and the like), if that is the cause. */
    private static MsalServiceException credentialRefusal(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MsalServiceException m) {
                return m;
            }
        }
        return null;
    }

    private static Duration seconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            long s = Long.parseLong(header.trim());
            return s > 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException httpDate) {
            return null; // Resource Manager sends seconds; an HTTP date is left to the engine's default backoff
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
