package org.skyhold.app.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Session brokers: threads that, for the whole run, ask a random live manager for a session on a random zone (with
 * an API key of the {@code sessions} scope), hold it a few seconds and end it, again on any live manager. A manager
 * that does not answer (killed) is not a failure: the call goes to another. A session is lost when ending it is
 * answered with anything but 204.
 */
final class SessionLoad implements AutoCloseable {
    private record Held(String id, long endAtNanos) {
    }

    private final Managers managers;
    private final List<Long> zones;
    private final long imageId;
    private final String authorization;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    final AtomicInteger requested = new AtomicInteger();
    final AtomicInteger placed = new AtomicInteger();
    final AtomicInteger full = new AtomicInteger();
    final AtomicInteger unreachable = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    /** Answers that are neither 201, 503 (no room yet) nor 204: status to count. */
    final Map<Integer, AtomicInteger> unexpected = new ConcurrentHashMap<>();

    SessionLoad(Managers managers, List<Long> zones, long imageId, String apiKey, int clients) {
        this.managers = managers;
        this.zones = List.copyOf(zones);
        this.imageId = imageId;
        this.authorization = "Bearer " + apiKey;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::client, "session-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void client() {
        List<Held> held = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            long now = System.nanoTime();
            held.removeIf(h -> h.endAtNanos() <= now && end(h.id()));
            long zone = zones.get(random.nextInt(zones.size()));
            requested.incrementAndGet();
            Optional<Managers.Answer> a = Managers.send(managers.pick(), "POST", "/api/v1/sessions",
                    Map.of("zone_id", zone, "image_id", imageId, "user", Thread.currentThread().getName()),
                    authorization);
            if (a.isEmpty()) {
                unreachable.incrementAndGet();
            } else if (a.get().status() == 201) {
                placed.incrementAndGet();
                long hold = Duration.ofMillis(random.nextLong(1_000, 6_000)).toNanos();
                held.add(new Held(a.get().body().get("id").asText(), System.nanoTime() + hold));
            } else if (a.get().status() == 503) {
                full.incrementAndGet();
            } else {
                unexpected.computeIfAbsent(a.get().status(), s -> new AtomicInteger()).incrementAndGet();
            }
            pause(random.nextLong(50, 250));
        }
        held.removeIf(h -> end(h.id()));
        held.forEach(h -> lost.incrementAndGet()); // could not be ended on any manager
    }

    /** Ends the session on a live manager (another if one does not answer); true once answered. */
    private boolean end(String id) {
        for (int i = 0; i < 10; i++) {
            Optional<Managers.Answer> a = Managers.send(managers.pick(), "DELETE", "/api/v1/sessions/" + id, null,
                    authorization);
            if (a.isEmpty()) {
                unreachable.incrementAndGet();
                continue;
            }
            if (a.get().status() == 204) {
                ended.incrementAndGet();
            } else {
                lost.incrementAndGet();
                unexpected.computeIfAbsent(a.get().status(), s -> new AtomicInteger()).incrementAndGet();
            }
            return true;
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops asking, ends every session still held and waits for the clients. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
