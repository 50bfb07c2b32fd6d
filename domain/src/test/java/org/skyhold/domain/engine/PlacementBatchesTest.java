package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.engine.PlacementBatches.Waiting;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/**
 * Batching of a zone's placements over the in-memory kit, with its session repository watched (and at times
 * interfered with) at the two calls a batch makes: who goes in which batch, what happens when another writer takes
 * an agent's room between the read and the write, and whom a failure reaches.
 */
class PlacementBatchesTest {
    private static final Capacity ONE = new Capacity(1, 0, 1024);
    private final EngineKit kit = EngineKit.start();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").staticFirst(false).build());
    private final Image image = kit.image("desk", ONE);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final AtomicInteger views = new AtomicInteger();

    @AfterEach
    void close() {
        threads.shutdownNow();
        kit.close();
    }

    @Test
    void requestsArrivingWhileABatchRunsAllGoInTheNextBatch() throws Exception {
        kit.staticAgent(zone, "a", new Capacity(64, 0, 65_536));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PlacementBatches batches = new PlacementBatches(new PlacementBatch(watched((method, args) -> {
            if (method.equals("placementView") && views.get() == 1) {
                reading.countDown();
                await(release);
            }
            return null;
        })), threads);

        Future<PlacementResult> first = threads.submit(() -> batches.place(request("s-0", "u0")));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<PlacementResult>> next = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String id = "s-" + i;
            next.add(threads.submit(() -> batches.place(request(id, "u"))));
        }
        while (batches.waiting(zone.id()) < 10) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.PLACED);
        for (Future<PlacementResult> f : next) {
            assertThat(f.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.PLACED);
        }
        assertThat(batchSizes).containsExactly(1, 10);
        assertThat(kit.db.sessions.listOpenByZone(zone.id())).hasSize(11);
    }

    @Test
    void requestsPlacedTogetherShareOneBatchAndThoseWithoutRoomAreRefused() {
        kit.staticAgent(zone, "a", new Capacity(3, 0, 65_536));
        PlacementBatches batches = new PlacementBatches(new PlacementBatch(watched((method, args) -> null)),
                Runnable::run);
        List<PlacementRequest> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(request("s-" + i, "u" + i));
        }

        assertThat(batches.placeTogether(five)).extracting(PlacementResult::outcome).containsExactly(
                Outcome.PLACED, Outcome.PLACED, Outcome.PLACED, Outcome.NO_ROOM, Outcome.NO_ROOM);
        assertThat(batchSizes).containsExactly(3);
        assertThat(views.get()).isEqualTo(1);
    }

    @Test
    void aRequestWhoseAgentLostItsRoomMeanwhileIsChosenAgainOnAFreshRead() {
        Agent fuller = kit.staticAgent(zone, "fuller", new Capacity(2, 0, 8192));
        Agent other = kit.staticAgent(zone, "other", new Capacity(8, 0, 8192));
        assertThat(kit.db.sessions.place(session("s-held", fuller), fuller.capacity())).isTrue();
        PlacementBatch batch = new PlacementBatch(watched((method, args) -> {
            if (method.equals("placeAll") && batchSizes.size() == 1) {
                // another manager takes the fullest agent's last core between this batch's read and its write
                assertThat(kit.db.sessions.place(session("s-elsewhere", fuller), fuller.capacity())).isTrue();
            }
            return null;
        }));
        Waiting w = waiting("s-1", "ann");

        batch.run(List.of(w));

        assertThat(w.result().join().session().agentId()).isEqualTo(other.id());
        assertThat(views.get()).isEqualTo(2);
        assertThat(kit.db.agents.loads(zone.id())).allSatisfy(l -> assertThat(l.reserved().cores())
                .isEqualTo(l.agentId().equals(fuller.id()) ? 2 : 1));
    }

    @Test
    void aRequestThatLosesEveryRaceIsRefusedAfterTheLastRead() {
        kit.staticAgent(zone, "a", new Capacity(8, 0, 8192));
        PlacementBatch batch = new PlacementBatch(watched((method, args) ->
                method.equals("placeAll") ? List.of() : null));
        Waiting w = waiting("s-1", "ann");

        batch.run(List.of(w));

        assertThat(w.result().join().outcome()).isEqualTo(Outcome.NO_ROOM);
        assertThat(views.get()).isEqualTo(PlacementBatch.ATTEMPTS);
        assertThat(kit.db.sessions.listOpenByZone(zone.id())).isEmpty();
    }

    @Test
    void aFailingWriteFailsOnlyTheRequestItBelongsTo() {
        kit.staticAgent(zone, "a", new Capacity(8, 0, 8192));
        PlacementBatch batch = new PlacementBatch(watched((method, args) -> {
            if (method.equals("placeAll") && ((List<?>) args[0]).stream()
                    .anyMatch(s -> "mallory".equals(((Session) s).userName()))) {
                throw new RepositoryException("could not place the sessions of mallory");
            }
            return null;
        }));
        List<Waiting> all = List.of(waiting("s-1", "ann"), waiting("s-2", "mallory"), waiting("s-3", "bob"));

        batch.run(all);

        assertThat(all.get(0).result().join().placed()).isTrue();
        assertThat(all.get(2).result().join().placed()).isTrue();
        assertThatThrownBy(() -> all.get(1).result().join()).hasCauseInstanceOf(RepositoryException.class)
                .hasMessageContaining("mallory");
        assertThat(batchSizes).containsExactly(3, 1, 1, 1);
        assertThat(kit.db.sessions.listOpenByZone(zone.id())).extracting(Session::userName)
                .containsExactlyInAnyOrder("ann", "bob");
    }

    /**
     * The kit's session repository, with {@code before} called ahead of every call (method name and arguments): a
     * non-null answer replaces the call's. Counts reads and records the size of every write.
     */
    private SessionRepository watched(BiFunction<String, Object[], Object> before) {
        SessionRepository real = kit.db.sessions;
        return (SessionRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("placeAll")) {
                        synchronized (batchSizes) {
                            batchSizes.add(((List<?>) args[0]).size());
                        }
                    }
                    if (method.getName().equals("placementView")) {
                        views.incrementAndGet();
                    }
                    Object instead = before.apply(method.getName(), args);
                    if (instead != null) {
                        return instead;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private PlacementRequest request(String id, String user) {
        return new PlacementRequest(id, zone.id(), image.id(), SessionKind.USER, user, kit.clock.now(), null, true);
    }

    private Waiting waiting(String id, String user) {
        return new Waiting(request(id, user), new CompletableFuture<>());
    }

    private Session session(String id, Agent agent) {
        return new Session(id, zone.id(), image.id(), agent.id(), SessionKind.USER, SessionState.ACTIVE, "x", ONE,
                kit.clock.now(), kit.clock.now(), null, null);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
