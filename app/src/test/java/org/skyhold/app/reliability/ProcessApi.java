package org.skyhold.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.skyhold.app.SkyholdProcess;
import org.skyhold.app.TestApp;

/** JSON calls, as the admin over HTTP Basic, to a Skyhold running in a process of its own. */
final class ProcessApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SkyholdProcess process;

    ProcessApi(SkyholdProcess process) {
        this.process = process;
    }

    JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    /** POSTs {@code body} and answers the created (or accepted) resource; fails on any other status. */
    JsonNode post(String path, Object body) {
        return send("POST", path, body, -1);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body, 200);
    }

    /**
     * Sends the request; fails unless the status is {@code expected} (-1: any 2xx). An {@link UncheckedIOException}
     * means the process died while answering (a failpoint in the request's path).
     */
    JsonNode send(String method, String path, Object body, int expected) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(process.url(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", TestApp.basicAdmin())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = expected == -1 ? r.statusCode() / 100 == 2 : r.statusCode() == expected;
            if (!ok) {
                throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
