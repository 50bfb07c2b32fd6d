package org.skyhold.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.skyhold.app.SkyholdProcess;

/**
 * The Skyhold processes of a run that are alive, for the test's clients to pick from, and JSON over HTTP to one of
 * them. A call to a manager that has just been killed fails to connect: {@link #send} answers empty then, and the
 * caller tries another.
 */
final class Managers {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A live manager: its id and its process. */
    record Manager(String id, SkyholdProcess process) {
        URI url(String path) {
            return process.url(path);
        }
    }

    /** An answer: the status and the body read as JSON (null when it is not JSON). */
    record Answer(int status, JsonNode body, String raw) {
    }

    private final List<Manager> live = new CopyOnWriteArrayList<>();

    void add(String id, SkyholdProcess process) {
        live.add(new Manager(id, process));
    }

    /** Forgets the manager first (so no client picks it any more) and then kills it with SIGKILL. */
    void kill(String id) {
        Manager m = find(id).orElseThrow();
        live.remove(m);
        m.process().kill();
    }

    Optional<Manager> find(String id) {
        return live.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    List<Manager> live() {
        return new ArrayList<>(live);
    }

    /** A live manager chosen at random. */
    Manager pick() {
        List<Manager> now = live();
        return now.get(ThreadLocalRandom.current().nextInt(now.size()));
    }

    /**
     * Sends {@code method} with {@code body} as JSON (none when null) and {@code authorization}; empty when the
     * manager could not be reached (killed, or not answering within ten seconds).
     */
    static Optional<Answer> send(Manager to, String method, String path, Object body, String authorization) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(to.url(path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(r.statusCode(), json(r.body()), r.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Sends and requires an answer with {@code status}; for the set-up, where a failure ends the test. */
    static JsonNode expect(Manager to, String method, String path, Map<String, Object> body, String authorization,
                           int status) {
        Answer a = send(to, method, path, body, authorization)
                .orElseThrow(() -> new IllegalStateException(method + " " + path + ": " + to.id() + " did not answer"));
        if (a.status() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.raw());
        }
        return a.body();
    }

    private static JsonNode json(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
