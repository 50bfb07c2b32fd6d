package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.Zone;

/**
 * Session requests and scale-downs interleaved on a zone at its standby edge, on the real engine and PostgreSQL:
 * users ask for sessions (claiming staged ones first) and end them while the zone's loop keeps creating and
 * removing agents around the standby target, least-loaded, so the idle agent a scale-down picks is the one a
 * request tries first. No session may ever sit on an agent that is no longer running.
 */
class ScaleDownRaceScenarioTest {
    private static final int REQUESTS = 1_000;
    private static final int USERS = 4;
    static Scenario s;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aThousandRequestsRacingScaleDownsLeaveNoSessionOnAnAgentThatIsNotRunning() throws Exception {
        long zoneId = s.zone(Map.of("standby_cores", 4, "downscale_backoff", 0, "load_balance_strategy",
                "least_loaded"));
        s.simProvider(zoneId, Map.of("sim_boot_seconds", 0, "max_instances", 40));
        long imageId = s.image(2);
        assertThat(s.api.post("/api/v1/zones/" + zoneId + "/staging-configs", Map.of("image_id", imageId,
                "num_sessions", 1, "expiration", 24)).status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            s.step(zoneId);
        }
        Zone zone = s.app.repositories().zones().find(zoneId).orElseThrow();
        Image image = s.app.repositories().images().find(imageId).orElseThrow();

        AtomicBoolean done = new AtomicBoolean();
        Thread passes = new Thread(() -> {
            while (!done.get()) {
                s.clock.advance(Duration.ofSeconds(1));
                s.app.engine().simulated.tick(s.clock.instant());
                s.app.engine().loop.runZone(zoneId);
            }
        }, "race-passes");
        AtomicInteger requested = new AtomicInteger();
        AtomicInteger placed = new AtomicInteger();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        List<Thread> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String user = "user" + u;
            users.add(new Thread(() -> {
                Deque<Session> mine = new ArrayDeque<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (requested.incrementAndGet() <= REQUESTS) {
                    Optional<Session> got = s.app.engine().sessions.request(zone, image, user);
                    got.ifPresent(x -> {
                        placed.incrementAndGet();
                        mine.addLast(x);
                    });
                    // hold a few sessions, then let the oldest go: the zone swings around its standby edge
                    while (mine.size() > random.nextInt(3)) {
                        Session oldest = mine.removeFirst();
                        notLost(oldest, lost);
                        s.app.engine().sessions.end(oldest.id());
                    }
                    pause(random.nextInt(3));
                }
                mine.forEach(x -> notLost(x, lost));
            }, "race-" + user));
        }
        passes.start();
        users.forEach(Thread::start);
        for (Thread t : users) {
            t.join();
        }
        done.set(true);
        passes.join();
        s.settle();

        List<Session> open = s.app.repositories().sessions().listOpenByZone(zoneId);
        List<String> openOnNotRunning = open.stream().filter(x -> !running(x.agentId()))
                .map(x -> x.id() + " on " + describe(x.agentId())).toList();
        List<String> claimedOnNotRunning = open.stream().filter(x -> x.kind() == SessionKind.STAGED
                && x.state() == SessionState.ACTIVE && !running(x.agentId()))
                .map(x -> x.id() + " on " + describe(x.agentId())).toList();
        int removed = s.agents(zoneId, AgentState.DESTROYING, AgentState.DESTROYED).size();
        int kept = s.eventReasons(zoneId, "agent.kept").size();
        System.out.printf("race: %d requests, %d placed, %d agents scaled down, %d scale-downs lost to a placement,"
                + " %d sessions found on an agent that was not running, %d open on one at the end%n", REQUESTS,
                placed.get(), removed, kept, lost.size(), openOnNotRunning.size());

        assertThat(removed).as("scale-downs happened during the requests").isGreaterThan(0);
        assertThat(placed.get()).as("most requests got a session").isGreaterThan(REQUESTS / 2);
        assertThat(lost).as("sessions a user held on an agent that was no longer running").isEmpty();
        assertThat(openOnNotRunning).as("open sessions on agents that are not running").isEmpty();
        assertThat(claimedOnNotRunning).as("claimed staged sessions on agents that are not running").isEmpty();
    }

    /** Records the session when its agent is no longer running while the user still holds it. */
    private static void notLost(Session x, ConcurrentLinkedQueue<String> lost) {
        if (!running(x.agentId())) {
            lost.add(x.id() + " on " + describe(x.agentId()));
        }
    }

    private static boolean running(String agentId) {
        return s.app.repositories().agents().find(agentId).map(a -> a.state() == AgentState.RUNNING).orElse(false);
    }

    private static String describe(String agentId) {
        return s.app.repositories().agents().find(agentId).map(Agent::state).map(AgentState::wireName)
                .map(st -> agentId + " (" + st + ")").orElse(agentId + " (gone)");
    }

    private static void pause(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
