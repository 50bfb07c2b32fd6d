package org.skyhold.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.skyhold.app.TestApp;

/** JSON calls to a test app as the admin over HTTP Basic. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final TestApp app;

    public ApiClient(TestApp app) {
        this.app = app;
    }

    public record Answer(int status, JsonNode body, String raw) {
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, Map<String, ?> body) {
        return send("POST", path, body);
    }

    public Answer put(String path, Map<String, ?> body) {
        return send("PUT", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public Answer send(String method, String path, Object body) {
        try {
            String text = body == null ? "" : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path)).header("Authorization", TestApp.basicAdmin())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            HttpResponse<String> r = TestApp.send(b.build());
            JsonNode parsed = r.body().isEmpty() ? null : JSON.readTree(r.body());
            return new Answer(r.statusCode(), parsed, r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
