package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.provider.VmSpec;

/** Staging, failover, timeouts and crash recovery on the real executor, PostgreSQL and simulated cloud. */
class LifecycleScenarioTest {
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
    void stagedSessionsAreKeptExpiredAndRecreated() {
        long zone = s.zone(Map.of("standby_cores", 0));
        s.simProvider(zone, Map.of("sim_boot_seconds", 5));
        long image = s.image(1);
        assertThat(s.api.post("/api/v1/zones/" + zone + "/staging-configs", Map.of("image_id", image,
                "num_sessions", 3, "expiration", 1)).status()).isEqualTo(201);
        s.step(zone);
        assertThat(s.agents(zone)).as("staging need orders capacity").hasSize(1);
        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("three staged sessions", () -> staged(zone).size() == 3);
        List<String> first = staged(zone).stream().map(Session::id).toList();

        var claimed = s.requestSession(zone, image, "ann");
        assertThat(claimed.status()).isEqualTo(201);
        assertThat(first).contains(claimed.body().get("id").asText());
        Scenario.await("the claimed one is replaced", () -> staged(zone).size() == 3);

        s.advance(zone, Duration.ofMinutes(61));
        Scenario.await("expired ones are recreated", () -> staged(zone).size() == 3
                && staged(zone).stream().noneMatch(x -> first.contains(x.id())));
        assertThat(s.eventReasons(zone, "session.expired")).hasSizeGreaterThanOrEqualTo(2);
    }

    private static List<Session> staged(long zone) {
        return s.app.repositories().sessions().listOpenByZone(zone).stream()
                .filter(x -> x.state() == org.skyhold.domain.model.SessionState.STAGED).toList();
    }

    @Test
    void aFailingProviderBacksOffAndTheNextByPriorityTakesTheWork() {
        long zone = s.zone(Map.of("standby_cores", 4));
        long failing = s.simProvider(zone, Map.of("priority", 0, "sim_failure_rate", 1));
        long spare = s.simProvider(zone, Map.of("priority", 1));
        s.step(zone);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> assertThat(a.providerConfigId()).isEqualTo(spare));
        var health = s.api.get("/api/v1/zones/" + zone + "/vm-providers/" + failing).body().get("health");
        assertThat(health.get("last_error_class").asText()).isEqualTo("capacity");
        assertThat(health.get("last_error").asText()).contains("insufficient capacity");
        assertThat(s.eventReasons(zone, "provider.error")).anyMatch(r -> r.contains("rests until"));
        var refused = s.api.delete("/api/v1/zones/" + zone + "/vm-providers/" + spare);
        assertThat(refused.status()).as("a provider with a live agent is not deleted").isEqualTo(400);
        assertThat(refused.raw()).contains("1 live agent");
        assertThat(s.api.delete("/api/v1/zones/" + zone + "/vm-providers/" + failing).status()).isEqualTo(204);
    }

    @Test
    void aProviderAtItsCapPassesTheRestToTheNext() {
        long zone = s.zone(Map.of("standby_cores", 12));
        long small = s.simProvider(zone, Map.of("priority", 0, "max_instances", 1));
        long big = s.simProvider(zone, Map.of("priority", 1));
        s.step(zone);
        assertThat(s.agents(zone)).extracting(Agent::providerConfigId).containsOnly(small, big)
                .filteredOn(id -> id == small).hasSize(1);
        assertThat(s.agents(zone)).hasSize(3);
    }

    @Test
    void anAgentThatNeverChecksInIsDestroyedAfterTheProvisionTimeout() {
        long zone = s.zone(Map.of("standby_cores", 4, "provision_timeout", 120));
        s.simProvider(zone, Map.of("sim_boot_seconds", 3000));
        s.step(zone);
        String id = s.agents(zone).get(0).id();
        s.advance(zone, Duration.ofSeconds(119));
        assertThat(s.app.repositories().agents().find(id).orElseThrow().state()).isEqualTo(AgentState.STARTING);
        s.advance(zone, Duration.ofSeconds(1));
        assertThat(s.app.repositories().agents().find(id).orElseThrow().state()).isEqualTo(AgentState.DESTROYED);
        assertThat(s.eventReasons(zone, "agent.destroying")).anyMatch(r -> r.contains("never checked in within"));
        assertThat(s.agents(zone)).as("a replacement was ordered").isNotEmpty();
    }

    @Test
    void aCrashBetweenTheRowAndTheCloudCallIsResolved() {
        long zone = s.zone(Map.of("standby_cores", 0));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 3000));
        var agents = s.app.repositories().agents();
        var now = s.clock.instant();
        Agent lost = new Agent("agcrashlost1", zone, provider, true, "skyhold-agcrashlost1", AgentState.PENDING,
                null, null, null, null, null, Capacity.ZERO, now, now, null, null, null, null);
        Agent made = new Agent("agcrashmade1", zone, provider, true, "skyhold-agcrashmade1", AgentState.PENDING,
                null, null, null, null, null, Capacity.ZERO, now, now, null, null, null, null);
        agents.insertUnderCap(lost, 10, "t1");
        agents.insertUnderCap(made, 10, "t2");
        // the cloud call for one of them went through before the crash
        var config = s.app.repositories().vmProviders().find(provider).orElseThrow();
        var vm = s.app.engine().ports.factory().vm(config).create(new VmSpec("agcrashmade1", "skyhold-agcrashmade1", "",
                VmSpec.tags(s.app.installationId(), zone, "agcrashmade1"), "skyhold-agcrashmade1", "http://x", "t"));

        s.advance(zone, Duration.ofMinutes(3));
        assertThat(agents.find("agcrashlost1").orElseThrow().state()).isEqualTo(AgentState.FAILED);
        Agent adopted = agents.find("agcrashmade1").orElseThrow();
        assertThat(adopted.state()).isEqualTo(AgentState.STARTING);
        assertThat(adopted.instanceId()).isEqualTo(vm.instanceId());
    }

    @Test
    void fiftyParallelRequestsNeverOverCommitATightZone() throws Exception {
        long zone = s.zone(Map.of("standby_cores", 8));
        s.simProvider(zone, Map.of("sim_boot_seconds", 1, "max_instances", 2));
        long image = s.image(1);
        s.step(zone);
        s.advance(zone, Duration.ofSeconds(1));
        Scenario.await("two agents run", () -> s.agents(zone, AgentState.RUNNING).size() == 2);

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String user = "user-" + i;
            answers.add(pool.submit(() -> s.requestSession(zone, image, user).status()));
        }
        int placed = 0;
        for (Future<Integer> f : answers) {
            int status = f.get();
            assertThat(status).isIn(201, 503);
            placed += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(placed).isEqualTo(8);
        for (Agent a : s.agents(zone, AgentState.RUNNING)) {
            long reserved = s.app.repositories().sessions().listOpenByAgent(a.id()).stream()
                    .mapToLong(x -> x.reservation().cores()).sum();
            assertThat(reserved).isLessThanOrEqualTo(a.capacity().cores());
        }
    }
}
