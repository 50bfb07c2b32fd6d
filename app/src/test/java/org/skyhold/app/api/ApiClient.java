package org.skyhold.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.app.TestApp;

/** JSON calls to a test app: as the admin over HTTP Basic by default, or with other credentials, or none. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final TestApp app;
    private final Map<String, String> headers;

    public ApiClient(TestApp app) {
        this(app, Map.of("Authorization", TestApp.basicAdmin()));
    }

    private ApiClient(TestApp app, Map<String, String> headers) {
        this.app = app;
        this.headers = Map.copyOf(headers);
    }

    /** A caller without credentials. */
    public static ApiClient anonymous(TestApp app) {
        return new ApiClient(app, Map.of());
    }

    /** A caller with an API key. */
    public static ApiClient bearer(TestApp app, String key) {
        return new ApiClient(app, Map.of("Authorization", "Bearer " + key));
    }

    /** This caller with one more header on every request (a cookie, a CSRF token). */
    public ApiClient with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(app, more);
    }

    /** The answer; {@code body} is null when the response is empty or not JSON. */
    public record Answer(int status, JsonNode body, String raw, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The field names of a 400's {@code errors}. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText(null)));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** @param body a String is sent as it is, anything else as its JSON; null sends nothing */
    public Answer send(String method, String path, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            headers.forEach(b::header);
            HttpResponse<String> r = TestApp.send(b.build());
            return new Answer(r.statusCode(), parse(r.body()), r.body(), r.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
