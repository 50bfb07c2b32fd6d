package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.persistence.TestDatabase;

/**
 * The one-statement placement under concurrent requests on real PostgreSQL: requests that pass over busy agents
 * spread and never over-commit, and a request that finds no free agent and then waits still gets the last room
 * of an agent another request was writing, so a zone refuses only when it is full.
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

    /** {@code n} requests at once, each as the placement service makes it: passing over busy agents, then waiting. */
    private Map<Outcome, Long> race(long zone, int n) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PlacementRequest request = new PlacementRequest("s-" + i, zone, imageId, SessionKind.USER, "u" + i, T0,
                    null, true);
            answers.add(pool.submit(() -> {
                go.await();
                PlacementResult quick = sessions.placeBest(request, false);
                return quick.outcome() == Outcome.NO_ROOM ? sessions.placeBest(request, true).outcome()
                        : quick.outcome();
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
