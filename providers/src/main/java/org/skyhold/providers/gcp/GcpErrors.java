package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.Errors;
import com.google.cloud.compute.v1.Operation;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Turns what Google answers into the engine's error classes. The operator sees Google's own message, which the
 * Compute client keeps only in the exception's cause (the HTTP answer), and its reason or operation error code.
 */
final class GcpErrors {
    static final String COMPUTE = "Compute Engine";
    static final String DNS = "Cloud DNS";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH_EXCEPTION = "com.google.auth.oauth2.GoogleAuthException";

    private GcpErrors() {
    }

    /** The error class of an HTTP status and Google's reason ({@code rateLimitExceeded}) or operation error code. */
    static ProviderErrorClass classify(int status, String code) {
        String c = code == null ? "" : code;
        if (c.startsWith("ZONE_RESOURCE_POOL_EXHAUSTED") || c.equals("RESOURCE_POOL_EXHAUSTED")) {
            return ProviderErrorClass.CAPACITY;
        }
        if (c.equals("QUOTA_EXCEEDED") || c.equals("quotaExceeded")) {
            return ProviderErrorClass.QUOTA;
        }
        if (status == 429 || c.equals("rateLimitExceeded") || c.equals("userRateLimitExceeded")
                || c.equals("RATE_LIMIT_EXCEEDED")) {
            return ProviderErrorClass.THROTTLED;
        }
        if (status == 401 || status == 403) {
            return ProviderErrorClass.AUTH;
        }
        if (status == 400 || status == 404) {
            return ProviderErrorClass.BAD_CONFIG;
        }
        return ProviderErrorClass.OTHER;
    }

    /** The engine's exception for a failed Compute call. */
    static ProviderException of(ApiException e) {
        ProviderException token = tokenRefused(e);
        if (token != null) {
            return token;
        }
        Integer transport = e.getStatusCode().getTransportCode() instanceof Integer i ? i : null;
        if (e.getCause() instanceof HttpResponseException http) {
            return fromAnswer(COMPUTE, http, e);
        }
        String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        // the HTTP/JSON transport reports a connection that broke before any answer (a reset, a read timeout) as
        // UNAVAILABLE with status 500; it is no answer, so the call may have been carried out (see LostAnswers)
        if (transport == null || transport <= 0 || e.getCause() instanceof IOException) {
            return new ProviderException(ProviderErrorClass.OTHER, "could not reach " + COMPUTE + ": " + why, null, e);
        }
        return new ProviderException(classify(transport, e.getReason()), COMPUTE + " (HTTP " + transport + "): "
                + why, null, e, transport, e.getReason());
    }

    /** The engine's exception for a failed Cloud DNS call (the API client's exceptions). */
    static ProviderException of(IOException e) {
        ProviderException token = tokenRefused(e);
        if (token != null) {
            return token;
        }
        if (e instanceof HttpResponseException http) {
            return fromAnswer(DNS, http, e);
        }
        return new ProviderException(ProviderErrorClass.OTHER, "could not reach " + DNS + ": " + e.getMessage(), null,
                e);
    }

    /** The exception for a Compute operation that ended in an error (the cause of a failed insert is only there). */
    static ProviderException of(Operation op) {
        Errors first = op.getError().getErrorsCount() > 0 ? op.getError().getErrors(0) : Errors.getDefaultInstance();
        int status = op.hasHttpErrorStatusCode() ? op.getHttpErrorStatusCode() : 0;
        String text = COMPUTE + " " + (first.getCode().isEmpty() ? "operation error" : first.getCode())
                + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + (first.getMessage().isEmpty()
                ? op.getHttpErrorMessage() : first.getMessage()) + " (operation " + op.getName() + ")";
        return new ProviderException(classify(status, first.getCode()), text, null, null, status,
                first.getCode().isEmpty() ? null : first.getCode());
    }

    static boolean isNotFound(ApiException e) {
        return Integer.valueOf(404).equals(e.getStatusCode().getTransportCode());
    }

    static boolean isConflict(ApiException e) {
        return Integer.valueOf(409).equals(e.getStatusCode().getTransportCode());
    }

    /** Runs one Compute call, turning its failure into a classified exception. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw of(e);
        }
    }

    /**
     * The token endpoint's refusal, when getting an OAuth token for the call failed: the key's
     * {@code token_uri} answered with OAuth's error shape {@code {"error", "error_description"}}.
     */
    private static ProviderException tokenRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // the auth library's GoogleAuthException is package-private: known by name
            if (t.getClass().getName().equals(AUTH_EXCEPTION)) {
                Throwable auth = t;
                HttpResponseException http = auth.getCause() instanceof HttpResponseException h ? h : null;
                if (http == null) {
                    return new ProviderException(ProviderErrorClass.AUTH, "could not get an OAuth token from the "
                            + "key's token_uri: " + firstLine(auth.getMessage()), null, e);
                }
                String error = "error";
                String description = firstLine(http.getContent());
                try {
                    JsonNode body = JSON.readTree(http.getContent() == null ? "" : http.getContent());
                    error = body.path("error").asText(error);
                    description = body.path("error_description").asText(description);
                } catch (IOException | RuntimeException notJson) {
                    // the raw text is the description
                }
                int status = http.getStatusCode();
                ProviderErrorClass c = status == 429 ? ProviderErrorClass.THROTTLED
                        : status >= 500 ? ProviderErrorClass.OTHER : ProviderErrorClass.AUTH;
                return new ProviderException(c, "OAuth token refused by the key's token_uri: " + error + " (HTTP "
                        + status + "): " + description, c == ProviderErrorClass.THROTTLED ? retryAfter(http) : null,
                        e, status, error);
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /** Google's error shape: {@code {"error": {"code", "message", "errors": [{"reason"}], "status"}}}. */
    private static ProviderException fromAnswer(String service, HttpResponseException http, Exception cause) {
        int status = http.getStatusCode();
        String content = http.getContent();
        String statusText = http.getStatusMessage();
        Duration wait = retryAfter(http);
        // the client has already read the body of a 401 it retried with a new token: the status line is all there is
        String message = content == null || content.isBlank() ? "HTTP " + status + (statusText == null ? ""
                : " " + statusText) : content.trim();
        String reason = null;
        try {
            JsonNode root = JSON.readTree(content == null ? "" : content);
            // the Cloud DNS client hands over the inner error object; the Compute client the whole answer
            JsonNode error = root.has("error") ? root.path("error") : root;
            if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            }
            JsonNode r = error.path("errors").path(0).path("reason");
            reason = r.isTextual() ? r.asText() : error.path("status").isTextual() ? error.path("status").asText() : null;
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's page): the raw text is the message
        }
        ProviderErrorClass c = classify(status, reason);
        String text = service + " " + (reason == null ? "error" : reason) + " (HTTP " + status + "): " + message;
        return new ProviderException(c, text, c == ProviderErrorClass.THROTTLED ? wait : null, cause, status, reason);
    }

    private static Duration retryAfter(HttpResponseException http) {
        Object v = http.getHeaders() == null ? null : http.getHeaders().get("retry-after");
        String text = v instanceof Iterable<?> it && it.iterator().hasNext() ? String.valueOf(it.iterator().next())
                : v == null ? null : v.toString();
        try {
            return text == null ? null : Duration.ofSeconds(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare for Google; the engine backs off by class instead
        }
    }

    static boolean isNotFound(GoogleJsonResponseException e) {
        return e.getStatusCode() == 404;
    }
}
