package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.engine.PlacementChoice;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.persistence.TestDatabase;

/**
 * Placement's read and write under concurrency on real PostgreSQL, each thread acting as a manager of its own:
 * requests chosen on reads that others' commits make stale never over-commit (the write checks the room again and
 * the request is chosen again on a fresh read), the last room of an agent others are writing is still found, and
 * batches writing the same agents in different orders neither deadlock nor over-commit.
 */
class ConcurrentPlacementTest {
    private static final Instant T0 = Instant.parse("2031-05-06T07:08:09Z");
    private final JdbiSessionRepository sessions = new JdbiSessionRepository(Fixtures.jdbi());
    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private long imageId;

    @BeforeEach
    void setUp() {
        TestDatabase.clean();
        imageId = new JdbiImageRepository(Fixtures.jdbi()).create("one-core", new Capacity(1, 0, 1024)).id();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentRequestsFillEveryAgentExactlyAndNoFurther() throws Exception {
        long zone = zone(LoadBalanceStrategy.MOST_LOADED);
        for (int i = 0; i < 4; i++) {
            agent("agent-" + i, zone, new Capacity(5, 0, 8192));
        }

        Map<Outcome, Long> outcomes = race(zone, 40);

        assertThat(outcomes).containsEntry(Outcome.PLACED, 20L).containsEntry(Outcome.NO_ROOM, 20L);
        assertThat(agents.loads(zone)).hasSize(4).allSatisfy(l -> {
            assertThat(l.reserved()).isEqualTo(new Capacity(5, 0, 5 * 1024));
            assertThat(l.sessions()).isEqualTo(5);
        });
        assertThat(sessions.countOpenByAgent(List.of("agent-0", "agent-1", "agent-2", "agent-3")))
                .containsOnly(Map.entry("agent-0", 5), Map.entry("agent-1", 5), Map.entry("agent-2", 5),
                        Map.entry("agent-3", 5));
    }

    @Test
    void theLastRoomOfAnAgentOthersAreWritingIsStillFoundByWaiting() throws Exception {
        long zone = zone(LoadBalanceStrategy.LEAST_LOADED);
        agent("the-only-agent", zone, new Capacity(12, 0, 65_536));

        Map<Outcome, Long> outcomes = race(zone, 12);

        assertThat(outcomes).containsOnly(Map.entry(Outcome.PLACED, 12L));
        AgentLoad load = agents.loads(zone).get(0);
        assertThat(load.reserved().cores()).isEqualTo(12);
        assertThat(load.sessions()).isEqualTo(12);
    }

    @Test
    void concurrentBatchesOnTheSameAgentsInEveryOrderNeitherDeadlockNorOverCommit() throws Exception {
        long zone = zone(LoadBalanceStrategy.MOST_LOADED);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add("agent-" + i);
            agent("agent-" + i, zone, new Capacity(10, 0, 65_536));
        }
        Map<String, Capacity> limits = ids.stream().collect(Collectors.toMap(id -> id,
                id -> new Capacity(10, 0, 65_536)));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> stored = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            stored.add(pool.submit(() -> {
                go.await();
                int mine = 0;
                for (int round = 0; round < 6; round++) {
                    List<String> order = new ArrayList<>(ids);
                    Collections.shuffle(order, new Random(thread * 100L + round));
                    List<Session> batch = new ArrayList<>();
                    for (int k = 0; k < 6; k++) {
                        batch.add(new Session("s-" + thread + "-" + round + "-" + k, zone, imageId, order.get(k % 4),
                                SessionKind.USER, SessionState.ACTIVE, "u", new Capacity(1, 0, 1024), T0, T0, null,
                                null));
                    }
                    Set<String> took = sessions.placeAll(batch, limits).stream().map(PlacedAgent::agentId)
                            .collect(Collectors.toSet());
                    mine += (int) batch.stream().filter(x -> took.contains(x.agentId())).count();
                }
                return mine;
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : stored) {
            total += f.get(60, TimeUnit.SECONDS);
        }

        assertThat(agents.loads(zone)).hasSize(8).allSatisfy(l -> assertThat(l.reserved().cores())
                .isLessThanOrEqualTo(10).isEqualTo(l.sessions()));
        Map<String, Integer> open = sessions.countOpenByAgent(ids);
        assertThat(agents.loads(zone)).allSatisfy(l -> assertThat(open.getOrDefault(l.agentId(), 0))
                .isEqualTo(l.sessions()));
        assertThat(open.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        // 576 sessions were asked for against 80 cores: the agents fill up (groups of 1 or 2 may leave one core)
        assertThat(total).isGreaterThanOrEqualTo(72);
    }

    /**
     * {@code n} requests at once, each its own manager: read, choose, write, and on a lost race read again, as a
     * batch of one does.
     */
    private Map<Outcome, Long> race(long zone, int n) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PlacementRequest request = new PlacementRequest("s-" + i, zone, imageId, SessionKind.USER, "u" + i, T0,
                    null, true);
            answers.add(pool.submit(() -> {
                go.await();
                for (int attempt = 0; attempt < 50; attempt++) {
                    PlacementView view = sessions.placementView(zone, Set.of(imageId), T0);
                    PlacementChoice.Choice c = PlacementChoice.choose(view, List.of(request)).get(0);
                    if (c.outcome() != Outcome.PLACED) {
                        return c.outcome();
                    }
                    Session s = new Session(request.sessionId(), zone, imageId, c.agentId(), SessionKind.USER,
                            SessionState.ACTIVE, request.userName(), c.need(), T0, T0, null, null);
                    if (!sessions.placeAll(List.of(s), Map.of(c.agentId(), c.limit())).isEmpty()) {
                        return Outcome.PLACED;
                    }
                }
                throw new IllegalStateException("lost the race 50 times");
            }));
        }
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : answers) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
    }

    private static long zone(LoadBalanceStrategy strategy) {
        ZoneSettings d = ZoneSettings.defaults("race-" + strategy.wireName());
        ZoneSettings s = new ZoneSettings(d.name(), d.scalingEnabled(), d.prioritizeStaticAgents(), d.standbyCores(),
                d.standbyGpus(), d.standbyMemoryMb(), d.downscaleBackoff(), d.agentCoresOverride(),
                d.agentGpusOverride(), d.agentMemoryOverrideGb(), d.registerDns(), d.dnsProviderId(),
                d.baseDomainName(), d.nginxCert(), d.nginxKey(), strategy, d.upstreamAuthAddress(),
                d.provisionTimeout(), d.agentMissingAfter(), d.agentDeadAfter());
        return new JdbiZoneRepository(Fixtures.jdbi(), Fixtures.CIPHER).create(s).id();
    }

    private void agent(String id, long zone, Capacity size) {
        agents.insert(new Agent(id, zone, null, false, id, AgentState.RUNNING, null, "10.0.0.1", null, null, null,
                size, T0, T0, T0, T0, null, null));
    }
}
