package org.skyhold.providers.oci;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the {@code Retry-After} of throttled answers by their {@code opc-request-id}. The SDK's exception
 * carries the request id but not the headers; this filter, registered on each client's HTTP client, sees the
 * headers, so a throttled call can tell the engine how long OCI asked it to wait. Holds the last few only.
 */
final class RetryAfters implements ClientResponseFilter {
    private static final int KEEP = 64;

    private final Map<String, Duration> byRequestId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Duration> eldest) {
            return size() > KEEP;
        }
    };

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() != 429) {
            return;
        }
        String requestId = response.getHeaderString("opc-request-id");
        Duration wait = seconds(response.getHeaderString("Retry-After"));
        if (requestId != null && wait != null) {
            synchronized (byRequestId) {
                byRequestId.put(requestId, wait);
            }
        }
    }

    /** The wait OCI asked for in the answer with this request id, or null when it named none. */
    Duration forRequest(String requestId) {
        if (requestId == null) {
            return null;
        }
        synchronized (byRequestId) {
            return byRequestId.remove(requestId);
        }
    }

    private static Duration seconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            long s = Long.parseLong(header.trim());
            return s > 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException httpDate) {
            return null; // OCI sends seconds; an HTTP date is left to the engine's default backoff
        }
    }
}
