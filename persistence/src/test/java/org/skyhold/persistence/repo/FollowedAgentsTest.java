package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.engine.LiveAgentCache;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.AgentRepository.LiveAgents;
import org.skyhold.persistence.TestDatabase;

/**
 * A zone followed through {@code changedSince} reads as a full read does on real PostgreSQL, including the writes
 * that commit "behind" a reader: begun before a read and committed after it, which a watermark of the highest
 * version seen would skip for good.
 */
class FollowedAgentsTest {
    private static final Capacity SIZE = new Capacity(8, 0, 16384);
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private final JdbiSessionRepository sessions = new JdbiSessionRepository(Fixtures.jdbi());
    private final LiveAgentCache cache = new LiveAgentCache(agents);
    private final ExecutorService writers = Executors.newFixedThreadPool(4);
    private long zoneId;
    private long otherZoneId;
    private long imageId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("followed");
        otherZoneId = Fixtures.zone("other");
        imageId = Fixtures.image("image");
    }

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    @Test
    void aWriteThatCommitsAfterAReaderThatStartedBeforeItIsReadNextTime() throws Exception {
        agents.insert(Fixtures.agent("ag-late", zoneId, AgentState.RUNNING, T0));
        agents.insert(Fixtures.agent("ag-early", zoneId, AgentState.RUNNING, T0.plusSeconds(1)));
        cache.read(zoneId, null, T0);
        try (Handle late = Fixtures.jdbi().open()) {
            late.begin(); // takes its transaction id first, so its id is below the next write's
            late.execute("UPDATE agents SET last_heartbeat_at = ? WHERE id = 'ag-late'", T0.plusSeconds(30));
            Fixtures.jdbi().useHandle(h -> h.execute(
                    "UPDATE agents SET last_heartbeat_at = ? WHERE id = 'ag-early'", T0.plusSeconds(31)));
            assertThat(cache.read(zoneId, null, T0).agents()).extracting(Agent::lastHeartbeatAt)
                    .containsExactly(null, T0.plusSeconds(31));
            late.commit();
        }
        assertThat(cache.read(zoneId, null, T0).agents()).extracting(Agent::lastHeartbeatAt)
                .containsExactly(T0.plusSeconds(30), T0.plusSeconds(31));
        assertFollowedIsFull("after the late commit");
    }

    /**
     * Rounds of four writers (inserts, state changes in and out of the live states, placements and ends, and
     * transactions that write, wait and then commit or roll back) while a reader follows the zone without pause;
     * after each round, once every writer has committed, the followed zone must equal a full read.
     */
    @Test
    void aZoneFollowedUnderConcurrentWritesReadsAsAFullReadOnceTheyStop() throws Exception {
        for (int i = 0; i < 20; i++) {
            agents.insert(Fixtures.agent("ag-" + i, zoneId, AgentState.RUNNING, T0.plusSeconds(i)));
        }
        cache.read(zoneId, null, T0);
        ConcurrentLinkedQueue<String> open = new ConcurrentLinkedQueue<>();
        AtomicInteger ids = new AtomicInteger(100);
        for (int round = 0; round < 8; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(4);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Random random = new Random(round * 10L + w);
                running.add(writers.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        write(random, open, ids);
                    }
                    return null;
                }));
            }
            started.await();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            int reads = 0;
            while (System.nanoTime() < until) {
                cache.read(zoneId, null, T0);
                reads++;
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(reads).isPositive();
            assertFollowedIsFull("after round " + round);
        }
    }

    private void write(Random random, ConcurrentLinkedQueue<String> open, AtomicInteger ids) {
        List<Agent> live = agents.listByZone(zoneId, AgentState.LIVE);
        Agent someone = live.get(random.nextInt(live.size()));
        switch (random.nextInt(6)) {
            case 0 -> agents.insert(Fixtures.agent("ag-" + ids.incrementAndGet(), random.nextInt(4) == 0
                    ? otherZoneId : zoneId, AgentState.RUNNING, T0.plusSeconds(random.nextInt(1000))));
            case 1 -> {
                String id = "s-" + ids.incrementAndGet();
                if (sessions.place(new Session(id, zoneId, imageId, someone.id(), SessionKind.USER,
                        SessionState.ACTIVE, "ann", new Capacity(1, 0, 1024), T0, T0, null, null), SIZE)) {
                    open.add(id);
                }
            }
            case 2 -> {
                String id = open.poll();
                if (id != null) {
                    sessions.end(id, T0.plusSeconds(random.nextInt(1000)));
                }
            }
            case 3 -> {
                if (live.size() > 10) { // keep enough live agents to write on
                    agents.update(someone.withState(random.nextBoolean() ? AgentState.DESTROYED
                            : AgentState.DRAINING, T0.plusSeconds(random.nextInt(1000))));
                }
            }
            default -> Fixtures.jdbi().useHandle(h -> { // a slow transaction: commits after reads that began later
                h.begin();
                h.execute("UPDATE agents SET last_heartbeat_at = ? WHERE id = ?",
                        T0.plusSeconds(random.nextInt(100_000)), someone.id());
                sleep(random.nextInt(30));
                h.execute("UPDATE agents SET last_error = ? WHERE id = ?", "error " + random.nextInt(), someone.id());
                if (random.nextInt(4) == 0) {
                    h.rollback();
                } else {
                    h.commit();
                }
            });
        }
    }

    private void assertFollowedIsFull(String when) {
        LiveAgents followed = cache.read(zoneId, null, T0);
        LiveAgents full = agents.liveWithLoads(zoneId);
        assertThat(followed.agents()).as(when).containsExactlyElementsOf(full.agents());
        assertThat(followed.loads()).as(when).containsExactlyElementsOf(full.loads());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
