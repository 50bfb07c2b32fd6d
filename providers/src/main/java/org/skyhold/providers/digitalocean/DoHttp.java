package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.skyhold.domain.model.ProviderErrorClass;

/**
 * The DigitalOcean API v2 over OkHttp: the bearer token, JSON in and out, paging through
 * {@code links.pages.next}, errors classified from the API's {@code {"id", "message"}} body, and the rate limit.
 *
 * <p>Rate limit: every answer's {@code ratelimit-remaining} and {@code ratelimit-reset} (epoch seconds) are kept;
 * a 429 is {@code THROTTLED} with the time until the reset as retry-after, and while the API has said that no
 * request remains, calls fail the same way without being sent. Nothing here retries a 429.
 *
 * <p>Server errors (5xx) and calls that got no answer are retried twice with a short doubling pause inside the
 * call, but only for requests that are safe to repeat (GET, PUT, DELETE, and POSTs the caller marks so);
 * {@link #retrying} lets a caller retry a POST that is not, after checking that the first attempt made nothing.
 *
 * <p>Thread-safe: one OkHttp client (its connection pool and threads) is shared by every DigitalOcean provider.
 */
final class DoHttp {
    static final String PUBLIC_API = "https://api.digitalocean.com/v2";
    static final int PER_PAGE = 200;
    private static final int RETRIES = 2;
    private static final int MAX_PAGES = 1000;
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60)).retryOnConnectionFailure(false).build();

    private final OkHttpClient client;
    private final String base;
    private final String token;
    private final Clock clock;
    private final Duration firstPause;
    private volatile long remaining = -1;
    private volatile Instant resetAt;

    /**
     * @param endpointOverride the API's base URL, with or without the trailing {@code /v2}; null or blank for
     *                         the public API
     */
    DoHttp(String endpointOverride, String token, Clock clock) {
        this(endpointOverride, token, clock, Duration.ofMillis(250));
    }

    DoHttp(String endpointOverride, String token, Clock clock, Duration firstPause) {
        this.client = SHARED;
        this.base = baseUrl(endpointOverride);
        this.token = token;
        this.clock = clock;
        this.firstPause = firstPause;
    }

    static String baseUrl(String endpointOverride) {
        if (endpointOverride == null || endpointOverride.isBlank()) {
            return PUBLIC_API;
        }
        String b = endpointOverride.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b.endsWith("/v2") ? b : b + "/v2";
    }

    String base() {
        return base;
    }

    Clock clock() {
        return clock;
    }

    /** GET {@code path} (under /v2) with query pairs {@code name, value, ...}. */
    JsonNode get(String path, String... query) {
        return withRetries(() -> send("GET", url(path, query), null));
    }

    /** GET, or empty when the API answers 404. */
    Optional<JsonNode> find(String path, String... query) {
        try {
            return Optional.of(get(path, query));
        } catch (DoApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every element of the array {@code key} across all pages of a listing. */
    List<JsonNode> list(String path, String key, String... query) {
        List<JsonNode> all = new ArrayList<>();
        String[] q = new String[query.length + 2];
        System.arraycopy(query, 0, q, 0, query.length);
        q[query.length] = "per_page";
        q[query.length + 1] = Integer.toString(PER_PAGE);
        HttpUrl next = url(path, q);
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw failure(ProviderErrorClass.OTHER, 0, "", "more than " + MAX_PAGES + " pages of " + path, null);
            }
            HttpUrl current = next;
            JsonNode answer = withRetries(() -> send("GET", current, null));
            answer.path(key).forEach(all::add);
            String link = answer.path("links").path("pages").path("next").asText("");
            next = link.isEmpty() ? null : rebase(link);
        }
        return all;
    }

    /** POST once: a server error is not retried, for requests that would make a second thing. */
    JsonNode post(String path, Object body) {
        return send("POST", url(path), body);
    }

    /** POST of a request that changes nothing when repeated (creating a tag, tagging a firewall). */
    JsonNode postIdempotent(String path, Object body) {
        return withRetries(() -> send("POST", url(path), body));
    }

    JsonNode put(String path, Object body) {
        return withRetries(() -> send("PUT", url(path), body));
    }

    /** DELETE; false when the API answers 404 (already gone). */
    boolean delete(String path) {
        try {
            withRetries(() -> send("DELETE", url(path), null));
            return true;
        } catch (DoApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Runs {@code call}; after a transient failure asks {@code madeAnyway} whether the failed attempt took effect
     * (its answer lost) and returns that, else pauses and tries again, twice at most.
     */
    <T> T retrying(Supplier<T> call, Supplier<Optional<T>> madeAnyway) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (DoApiException e) {
                if (!e.transientFailure() || attempt >= RETRIES) {
                    throw e;
                }
                pause(attempt);
                Optional<T> made = madeAnyway.get();
                if (made.isPresent()) {
                    return made.get();
                }
            }
        }
    }

    private JsonNode withRetries(Supplier<JsonNode> call) {
        return retrying(call, Optional::empty);
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(firstPause.toMillis() << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ProviderErrorClass.OTHER, 0, "", "interrupted while waiting to retry", e);
        }
    }

    private HttpUrl url(String path, String... query) {
        HttpUrl parsed = HttpUrl.parse(base + path);
        if (parsed == null) {
            throw failure(ProviderErrorClass.BAD_CONFIG, 0, "", "the endpoint " + base + " is not a URL", null);
        }
        HttpUrl.Builder b = parsed.newBuilder();
        for (int i = 0; i + 1 < query.length; i += 2) {
            b.addQueryParameter(query[i], query[i + 1]);
        }
        return b.build();
    }

    /** A next-page link as the API wrote it (its own host), moved under our base URL. */
    private HttpUrl rebase(String link) {
        HttpUrl next = HttpUrl.parse(link);
        if (next == null) {
            throw failure(ProviderErrorClass.OTHER, 0, "", "the API gave a next-page link that is not a URL",
                    null);
        }
        String path = next.encodedPath();
        int v2 = path.indexOf("/v2/");
        String rest = v2 >= 0 ? path.substring(v2 + 3) : path;
        HttpUrl moved = HttpUrl.parse(base + rest + (next.encodedQuery() == null ? "" : "?" + next.encodedQuery()));
        if (moved == null) {
            throw failure(ProviderErrorClass.OTHER, 0, "", "cannot follow the API's next-page link", null);
        }
        return moved;
    }

    private JsonNode send(String method, HttpUrl url, Object body) {
        String what = method + " " + url.encodedPath();
        Instant now = clock.instant();
        Instant reset = resetAt;
        if (remaining == 0 && reset != null && now.isBefore(reset)) {
            throw throttled(what, "no request remains in this hour's quota", reset, now);
        }
        Request.Builder request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        try {
            request.method(method, body == null ? (method.equals("POST") || method.equals("PUT")
                    ? RequestBody.create(new byte[0], JSON_TYPE) : null)
                    : RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body of " + what, e);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            readRateLimit(response);
            String text = response.body().string();
            JsonNode json = text.isBlank() ? MissingNode.getInstance() : parse(text);
            if (response.isSuccessful()) {
                return json;
            }
            throw error(what, response.code(), json, clock.instant());
        } catch (IOException e) {
            throw failure(ProviderErrorClass.OTHER, 0, "", "DigitalOcean did not answer " + what + " at " + base
                    + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // a proxy's HTML error page, say: keep its first line as the message
            return JSON.createObjectNode().put("message", text.lines().findFirst().orElse("").strip());
        }
    }

    private void readRateLimit(Response response) {
        String left = response.header("ratelimit-remaining");
        String reset = response.header("ratelimit-reset");
        try {
            if (reset != null) {
                resetAt = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            }
            if (left != null) {
                remaining = Long.parseLong(left.trim());
            }
        } catch (NumberFormatException e) {
            // a header we cannot read is a header we do not have
        }
        if (response.code() == 429) {
            remaining = 0;
        }
    }

    private DoApiException error(String what, int status, JsonNode body, Instant now) {
        String id = body.path("id").asText("");
        String message = body.path("message").asText("");
        if (message.isBlank()) {
            message = "HTTP " + status;
        }
        if (status == 429) {
            Instant reset = resetAt;
            return throttled(what, message, reset, now);
        }
        ProviderErrorClass c;
        if (status == 401 || status == 403) {
            c = ProviderErrorClass.AUTH;
        } else if (status == 422 && isDropletLimit(message)) {
            c = ProviderErrorClass.QUOTA;
        } else if (status >= 500) {
            c = ProviderErrorClass.OTHER;
        } else {
            c = ProviderErrorClass.BAD_CONFIG;
        }
        return failure(c, status, id, message + " (" + what + ": HTTP " + status + (id.isEmpty() ? "" : " " + id)
                + ")", null);
    }

    static boolean isDropletLimit(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("droplet limit") || m.contains("droplet(s) will exceed");
    }

    private static DoApiException throttled(String what, String message, Instant reset, Instant now) {
        Duration wait = reset == null ? null : Duration.between(now, reset);
        if (wait != null && wait.compareTo(Duration.ofSeconds(1)) < 0) {
            wait = Duration.ofSeconds(1);
        }
        return new DoApiException(ProviderErrorClass.THROTTLED, 429, "too_many_requests", "DigitalOcean rate limit: "
                + message + " (" + what + ")" + (wait == null ? "" : "; the limit resets in " + wait.toSeconds()
                + " s"), wait, null);
    }

    private static DoApiException failure(ProviderErrorClass c, int status, String id, String message, Throwable t) {
        return new DoApiException(c, status, id, message, null, t);
    }
}
