package org.skyhold.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load of benchmark 4: {@code clients} threads, each with a keep-alive connection of its own
 * ({@link RawHttpClient}), POST {@code /api/v1/sessions} with an API key back to back from {@code start} until
 * the counted window, opened by {@link #open} once the warm-up is over, closes. A request counts in the window
 * when it both started at or after the window's start and ended by its end (nanoTime). Every answer is checked:
 * its status is tallied, and a 201's body must be a JSON object with a non-empty {@code id} and {@code agent_id};
 * a body that is not counts as a bad answer, a connection that fails or ends without an answer as a failure (the
 * next request reconnects).
 */
final class PlacementLoad implements WindowCpu.Window {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int KEPT_MESSAGES = 5;

    private final InetSocketAddress address;
    private final String bearer;
    private final long zone;
    private final long image;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger placedInWindow = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger badAnswers = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> messages = new ArrayList<>();
    private final List<long[]> latencies = new ArrayList<>();
    private CountDownLatch done;
    /** Holds the finished clients alive until the window's CPU has been read (a dead thread has no CPU time). */
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;

    PlacementLoad(InetSocketAddress address, String bearer, long zone, long image) {
        this.address = address;
        this.bearer = bearer;
        this.zone = zone;
        this.image = image;
    }

    /** Starts {@code clients} threads named {@code bench-client-N}; they spin until {@code start}. */
    void start(int clients, long start) {
        done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    client(start);
                } finally {
                    done.countDown();
                    awaitQuietly(release);
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Sets the counted window; the clients stop once it has closed. */
    @Override
    public void open(long from, long to) {
        measureTo = to;
        measureFrom = from;
    }

    /** The window's CPU has been read: the clients may end (until then the finished ones wait). */
    void release() {
        release.countDown();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void client(long start) {
        long[] mine = new long[4096];
        int n = 0;
        try (RawHttpClient http = new RawHttpClient(address, "POST", "/api/v1/sessions", 30_000,
                "Authorization: " + bearer, "Content-Type: application/json")) {
            while (System.nanoTime() < start) {
                Thread.onSpinWait();
            }
            for (long to = measureTo; System.nanoTime() < to; to = measureTo) {
                byte[] body = ("{\"zone_id\":" + zone + ",\"image_id\":" + image + ",\"user\":\"u"
                        + seq.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                RawHttpClient.Response r;
                try {
                    r = http.send(body);
                } catch (IOException e) {
                    failures.incrementAndGet();
                    keep("request failed: " + e);
                    continue;
                }
                long t1 = System.nanoTime();
                statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                boolean placed = r.status() == 201;
                if (placed && !placement(r)) {
                    badAnswers.incrementAndGet();
                    keep("201 without a session's id and agent_id: " + r.bodyText());
                    placed = false;
                } else if (r.status() != 201) {
                    keep(r.status() + ": " + r.bodyText());
                }
                if (t0 >= measureFrom && t1 <= to) {
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = t1 - t0;
                    if (placed) {
                        placedInWindow.incrementAndGet();
                    }
                }
            }
            connections.addAndGet(http.connections());
        }
        synchronized (latencies) {
            latencies.add(Arrays.copyOf(mine, n));
        }
    }

    /**
     * Whether a 201's body is a JSON object whose top-level {@code id} and {@code agent_id} are non-empty. Every
     * answer is parsed, with Jackson's streaming parser (no tree): that costs a few microseconds a body against
     * the hundreds a request costs the server, and unlike a substring check it also catches a body cut short or
     * run into the next answer, which is what a framing bug in {@link RawHttpClient} would produce.
     */
    static boolean placement(RawHttpClient.Response r) {
        try (JsonParser p = JSON.createParser(r.body(), 0, r.bodyLength())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean id = false;
            boolean agent = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    id |= name.equals("id") && !p.getText().isEmpty();
                    agent |= name.equals("agent_id") && !p.getText().isEmpty();
                } else {
                    p.skipChildren();
                }
            }
            // the object must close, and nothing may follow it
            return id && agent && p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private void keep(String message) {
        synchronized (messages) {
            if (messages.size() < KEPT_MESSAGES) {
                messages.add(message.length() > 300 ? message.substring(0, 300) + "..." : message);
            }
        }
    }

    void await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The client threads' ids, to charge their CPU to the load rather than to the app. */
    long[] threadIds() {
        return threads.stream().mapToLong(Thread::getId).toArray();
    }

    int placedInWindow() {
        return placedInWindow.get();
    }

    /** Answers by status over the whole run, warm-up included. */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Requests whose connection failed or ended without a whole answer. */
    int failures() {
        return failures.get();
    }

    /** 201 answers whose body was not a placed session. */
    int badAnswers() {
        return badAnswers.get();
    }

    /** Connections the clients opened: the client count when keep-alive held throughout. */
    int connections() {
        return connections.get();
    }

    /** The first few failures, bad answers and non-201 answers, for the report. */
    List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** The latencies of the requests counted in the window, in nanoseconds. */
    List<Long> latencies() {
        List<Long> all = new ArrayList<>();
        synchronized (latencies) {
            latencies.forEach(a -> Arrays.stream(a).forEach(all::add));
        }
        return all;
    }

    boolean allPlaced() {
        return failures() == 0 && badAnswers() == 0 && statuses.keySet().stream().allMatch(s -> s == 201);
    }
}
