package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.skyhold.app.Skyhold;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.config.Config;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/**
 * The real app (executor, PostgreSQL, simulated cloud) on a clock the test moves. {@link #step()} runs the zone's
 * loop and the simulated cloud at the current time, so a test reads as a story: configure, step, move the clock,
 * step, look.
 */
public final class Scenario implements AutoCloseable {
    public final ManualClock clock;
    public final Skyhold app;
    public final ApiClient api;
    private final TestApp testApp;

    private Scenario(ManualClock clock, TestApp testApp) {
        this.clock = clock;
        this.testApp = testApp;
        this.app = testApp.skyhold;
        this.api = new ApiClient(testApp);
    }

    public static Scenario start() {
        return start(TestApp.env(TestApp.newDataDir()), new ManualClock(Instant.parse("2026-12-01T08:00:00Z")));
    }

    /** Another manager on the same database and clock (for lease tests). */
    public static Scenario start(Map<String, String> env, ManualClock clock) {
        TestApp t = TestApp.wrap(Skyhold.start(Config.fromEnvironment(env), System.currentTimeMillis(), clock), env);
        return new Scenario(clock, t);
    }

    public long zone(Map<String, Object> fields) {
        // long liveness windows, so that a background pass between a clock jump and the simulated heartbeats
        // cannot mark agents missing; the liveness tests set their own
        Map<String, Object> body = new HashMap<>(Map.of("name", "zone-" + System.nanoTime(), "scaling_enabled", true,
                "downscale_backoff", 600, "agent_missing_after", 86_400, "agent_dead_after", 604_800));
        body.putAll(fields);
        return created(api.post("/api/v1/zones", body)).get("id").asLong();
    }

    public long simProvider(long zoneId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "simulated", "name", "sim-" + System.nanoTime(),
                "max_instances", 10, "sim_cores", 4, "sim_memory_mb", 8192, "sim_boot_seconds", 30));
        body.putAll(fields);
        return created(api.post("/api/v1/zones/" + zoneId + "/vm-providers", body)).get("id").asLong();
    }

    public long image(int cores) {
        return created(api.post("/api/v1/images", Map.of("name", "img-" + System.nanoTime(), "cores", cores, "gpus", 0,
                "memory_mb", 1024))).get("id").asLong();
    }

    public ApiClient.Answer requestSession(long zoneId, long imageId, String user) {
        return api.post("/api/v1/sessions", Map.of("zone_id", zoneId, "image_id", imageId, "user", user));
    }

    /**
     * One pass of the zone's loop and of the simulated cloud (boots and heartbeats) at the clock's time, and then
     * until the cloud calls the pass ordered have answered and their results are written (with the passes a
     * failed call asks for, so a failover has happened too).
     */
    public void step(long zoneId) {
        app.engine().simulated.tick(clock.instant());
        app.engine().loop.runZone(zoneId);
        settle();
    }

    /** Waits until no pass runs and no cloud call the engine ordered is still in flight. */
    public void settle() {
        boolean idle = app.engine().loop.awaitIdle(Duration.ofSeconds(30));
        assertThat(idle).as("the engine settles (cloud calls outstanding: %d)", app.engine().actuator.outstanding())
                .isTrue();
    }

    /** Moves the clock and steps the zone a few times so every consequence has happened. */
    public void advance(long zoneId, Duration d) {
        clock.advance(d);
        for (int i = 0; i < 3; i++) {
            step(zoneId);
        }
    }

    public List<Agent> agents(long zoneId, AgentState... states) {
        return app.repositories().agents().listByZone(zoneId,
                states.length == 0 ? AgentState.LIVE : EnumSet.of(states[0], states));
    }

    /**
     * An agent row this installation created and that has ended (failed), as a crash leaves one whose VM or record
     * outlived it: what the sweeper may remove by name.
     */
    public void endedAgent(long zoneId, Long providerId, String agentId) {
        app.repositories().agents().insert(new Agent(agentId, zoneId, providerId, true, "skyhold-" + agentId,
                AgentState.FAILED, null, null, null, null, null, Capacity.ZERO, clock.instant(), clock.instant(),
                null, null, null, "left by a crash"));
    }

    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The app under the scenario, for tests that drive its pages through a signed-in browser session. */
    public TestApp testApp() {
        return testApp;
    }

    /** A page as the admin sees it. */
    public String page(String path) {
        return testApp.getAsAdmin(path).body();
    }

    public List<String> eventReasons(long zoneId, String kind) {
        List<String> out = new ArrayList<>();
        app.repositories().events().list(zoneId, null, kind, null, 500).forEach(e -> out.add(e.reason()));
        return out;
    }

    private static JsonNode created(ApiClient.Answer a) {
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.body();
    }

    /** A provider saved through the API: its id and the settings it was saved with. */
    public record Saved(long id, Map<String, Object> settings) {
    }

    /**
     * A VM provider of a cloud kind from the catalog's examples, pointed at that cloud's fake at {@code endpoint},
     * allowed 5 instances, with {@code fields} on top (a check-in script, say).
     */
    public Saved cloudProvider(long zoneId, String kind, String endpoint, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(SampleSettings.vmProvider(kind));
        body.put("name", kind + "-" + System.nanoTime());
        body.put("max_instances", 5);
        body.put("endpoint_override", endpoint);
        body.putAll(fields);
        var answer = api.post("/api/v1/zones/" + zoneId + "/vm-providers", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return new Saved(answer.body().get("id").asLong(), body);
    }

    /** A DNS provider of a cloud kind from the catalog's examples, pointed at the fake at {@code endpoint}. */
    public long cloudDnsProvider(String kind, String endpoint, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(SampleSettings.dnsProvider(kind));
        body.put("name", kind + "-dns-" + System.nanoTime());
        body.put("endpoint_override", endpoint);
        body.putAll(fields);
        var created = api.post("/api/v1/dns-providers", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    /** The provider's health as the API shows it. */
    public JsonNode providerHealth(long zoneId, long providerId) {
        return api.get("/api/v1/zones/" + zoneId + "/vm-providers/" + providerId).body().path("health");
    }

    /** The zone's one live agent (fails when there is not exactly one). */
    public Agent single(long zoneId) {
        List<Agent> live = agents(zoneId);
        assertThat(live).hasSize(1);
        return live.get(0);
    }

    @Override
    public void close() {
        testApp.close();
    }
}
