package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;

/** Scale-up and scale-down stories on the real executor, PostgreSQL and the simulated cloud. */
class ScalingScenarioTest {
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
    void standbyIsMetFromZeroAndAgentsBecomeRunningWithDnsNamesAfterBooting() {
        long dns = s.api.post("/api/v1/dns-providers", Map.of("kind", "simulated", "name", "dns-" + System.nanoTime()))
                .body().get("id").asLong();
        long zone = s.zone(Map.of("standby_cores", 8, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", "agents.scenario.test"));
        s.simProvider(zone, Map.of("sim_boot_seconds", 30));

        s.step(zone);
        assertThat(s.agents(zone)).hasSize(2).allMatch(a -> a.state() == AgentState.STARTING);
        s.step(zone);
        assertThat(s.agents(zone)).as("starting agents count as capacity on its way").hasSize(2);

        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("both agents checked in", () -> s.agents(zone, AgentState.RUNNING).size() == 2);
        assertThat(s.agents(zone)).allSatisfy(a -> {
            assertThat(a.dnsName()).isEqualTo(a.id() + ".agents.scenario.test");
            assertThat(a.capacity().cores()).isEqualTo(4);
        });
        assertThat(s.app.engine().simulated.records()).hasSize(2);
        assertThat(s.api.get("/api/v1/dns-providers/" + dns).body().get("records").toString())
                .contains(s.agents(zone).get(0).id() + ".agents.scenario.test");
        assertThat(s.eventReasons(zone, "plan")).anyMatch(r -> r.contains("free cores 0 < target 8")
                && r.contains("+2 agents of 4 cores"));
    }

    @Test
    void sessionRequestsConsumeRoomAndTheRefusalTriggersAScaleUp() {
        long zone = s.zone(Map.of("standby_cores", 4));
        s.simProvider(zone, Map.of("sim_boot_seconds", 10));
        long image = s.image(2);
        s.step(zone);
        s.advance(zone, Duration.ofSeconds(10));
        Scenario.await("the first agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);

        assertThat(s.requestSession(zone, image, "ann").status()).isEqualTo(201);
        Scenario.await("a second agent's VM is created to restore the standby",
                () -> s.agents(zone, AgentState.STARTING, AgentState.RUNNING).size() == 2);
        assertThat(s.requestSession(zone, image, "bob").status()).isEqualTo(201);
        var refused = s.requestSession(zone, image, "cid");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.raw()).contains("no agent has room");
        // the booting second agent already covers the standby, so the refusal orders nothing more
        assertThat(s.agents(zone)).hasSize(2);
        s.advance(zone, Duration.ofSeconds(10));
        Scenario.await("the new agent runs", () -> s.agents(zone, AgentState.RUNNING).size() >= 2);
        assertThat(s.requestSession(zone, image, "cid").status()).isEqualTo(201);
    }

    @Test
    void maxInstancesIsNeverExceededAndThePlanSaysWhy() {
        long zone = s.zone(Map.of("standby_cores", 100));
        s.simProvider(zone, Map.of("max_instances", 3));
        for (int i = 0; i < 4; i++) {
            s.step(zone);
        }
        assertThat(s.agents(zone)).hasSize(3);
        var plan = s.api.get("/api/v1/zones/" + zone + "/plan").body();
        assertThat(plan.get("notes").toString()).contains("is at its cap (3 of max 3)", "still short");
    }

    @Test
    void downscaleWaitsForTheBackoffAndNeverGoesBelowTarget() {
        long zone = s.zone(Map.of("standby_cores", 4, "downscale_backoff", 300));
        s.simProvider(zone, Map.of("sim_boot_seconds", 5));
        long image = s.image(4);
        s.step(zone);
        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("one agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        String session = s.requestSession(zone, image, "ann").body().get("id").asText();
        // wait for the cloud call, not just the row: the VM's boot clock starts when it is created
        Scenario.await("a second agent's VM is created",
                () -> s.agents(zone, AgentState.STARTING, AgentState.RUNNING).size() == 2);
        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("two agents run", () -> s.agents(zone, AgentState.RUNNING).size() == 2);

        assertThat(s.api.delete("/api/v1/sessions/" + session).status()).isEqualTo(204);
        s.advance(zone, Duration.ofSeconds(200));
        assertThat(s.agents(zone)).as("within the backoff nothing is removed").hasSize(2);

        s.advance(zone, Duration.ofSeconds(200));
        Scenario.await("one idle agent is removed", () -> s.agents(zone).size() == 1);
        s.advance(zone, Duration.ofSeconds(3600));
        assertThat(s.agents(zone)).as("the last agent covers the standby and stays").hasSize(1);
        assertThat(s.eventReasons(zone, "agent.destroyed")).hasSize(1);
    }

    @Test
    void staticAgentsArePreferredForSessionsAndNeverDestroyed() {
        long zone = s.zone(Map.of("standby_cores", 0, "downscale_backoff", 0, "prioritize_static_agents", true));
        s.simProvider(zone, Map.of("sim_boot_seconds", 1));
        var created = s.api.post("/api/v1/agents", Map.of("zone_id", zone, "name", "rack-1", "address",
                "10.1.2.3", "cores", 8, "gpus", 0, "memory_mb", 16384));
        assertThat(created.status()).isEqualTo(201);
        long image = s.image(2);
        var session = s.requestSession(zone, image, "ann").body();
        assertThat(session.get("agent_address").asText()).isEqualTo("10.1.2.3");
        s.api.delete("/api/v1/sessions/" + session.get("id").asText());
        s.advance(zone, Duration.ofDays(2));
        assertThat(s.agents(zone)).extracting(Agent::name).containsExactly("rack-1");
    }

    @Test
    void theAgentsListCountsEachAgentsOpenSessionsAndNamesItsProviderKind() {
        long zone = s.zone(Map.of("standby_cores", 0, "prioritize_static_agents", true));
        s.simProvider(zone, Map.of("sim_boot_seconds", 1));
        for (String name : new String[] {"rack-a", "rack-b"}) {
            assertThat(s.api.post("/api/v1/agents", Map.of("zone_id", zone, "name", name, "address", "10.9.0.1",
                    "cores", 4, "gpus", 0, "memory_mb", 8192)).status()).isEqualTo(201);
        }
        long image = s.image(1);
        for (String user : new String[] {"ann", "bob", "cy"}) {
            assertThat(s.requestSession(zone, image, user).status()).isEqualTo(201);
        }

        var listed = s.api.get("/api/v1/agents?zone_id=" + zone).body();
        int total = 0;
        for (var agent : listed) {
            assertThat(agent.get("provider_kind").asText()).isEqualTo("static");
            int one = s.api.get("/api/v1/agents/" + agent.get("id").asText()).body().get("sessions").asInt();
            assertThat(agent.get("sessions").asInt()).as("the list agrees with the agent's own answer").isEqualTo(one);
            total += one;
        }
        assertThat(listed).hasSize(2);
        assertThat(total).isEqualTo(3);
    }
}
