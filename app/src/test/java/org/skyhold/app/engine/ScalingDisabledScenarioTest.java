package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.domain.engine.AgentTokens;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;

/**
 * "Scaling enabled" off means hands off, as its help text promises: the engine creates and destroys nothing on its
 * own (a silent agent is marked missing and dead, a booting one that never checks in is left alone), while an
 * operator's destroy still works.
 */
class ScalingDisabledScenarioTest {
    static Scenario s;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** An agent with a real VM in the simulated cloud, booting (its IP known), that checks in with {@code token}. */
    private static Agent agentWithVm(long zone, long provider, String id, String token) {
        var config = s.app.repositories().vmProviders().find(provider).orElseThrow();
        VmInstance vm = s.app.engine().ports.factory().vm(config).create(new VmSpec(id, "skyhold-" + id, "",
                VmSpec.tags(s.app.installationId(), zone, id), "skyhold-" + id, "http://127.0.0.1:1/x", token));
        var now = s.clock.instant();
        Agent a = new Agent(id, zone, provider, true, "skyhold-" + id, AgentState.STARTING, vm.instanceId(), null, null,
                "10.9.9.2", null, Capacity.ZERO, now, now, null, null, null, null);
        s.app.repositories().agents().insertUnderCap(a, 10, AgentTokens.hash(token));
        return a;
    }

    private static int checkIn(String token) {
        return TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/api/v1/agent/checkin"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cores\":4,\"gpus\":0,\"memory_mb\":8192}")).build())
                .statusCode();
    }

    private static AgentState state(String id) {
        return s.app.repositories().agents().find(id).orElseThrow().state();
    }

    @Test
    void withScalingDisabledADeadAgentIsMarkedButNotDestroyedAndAnOperatorCanStillDestroyIt() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false, "agent_missing_after", 120,
                "agent_dead_after", 600));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 3600));
        agentWithVm(zone, provider, "aghandsoff01", "hands-off-token");
        assertThat(checkIn("hands-off-token")).isEqualTo(200);
        int vms = s.app.engine().simulated.vmCount();

        s.advance(zone, Duration.ofSeconds(120));
        assertThat(state("aghandsoff01")).isEqualTo(AgentState.MISSING);
        s.advance(zone, Duration.ofSeconds(480));
        assertThat(state("aghandsoff01")).as("marked dead, not destroyed").isEqualTo(AgentState.DEAD);
        s.advance(zone, Duration.ofMinutes(10));
        assertThat(state("aghandsoff01")).isEqualTo(AgentState.DEAD);
        assertThat(s.app.engine().simulated.vmCount()).as("its VM is left alone").isEqualTo(vms);

        assertThat(s.api.delete("/api/v1/agents/aghandsoff01").status()).isEqualTo(200);
        assertThat(state("aghandsoff01")).isEqualTo(AgentState.DESTROYED);
        assertThat(s.app.engine().simulated.vmCount()).isEqualTo(vms - 1);
    }

    @Test
    void withScalingDisabledAnAgentThatNeverChecksInIsNotDestroyedAtTheProvisionTimeout() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false, "provision_timeout", 120));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 3600));
        agentWithVm(zone, provider, "aghandsoff02", "never-checks-in");
        s.advance(zone, Duration.ofSeconds(600));
        assertThat(state("aghandsoff02")).isEqualTo(AgentState.STARTING);
        assertThat(s.eventReasons(zone, "agent.destroying")).isEmpty();
    }

    @Test
    void withScalingEnabledTheSameDeadAgentIsDestroyed() {
        long zone = s.zone(Map.of("standby_cores", 0, "agent_missing_after", 120, "agent_dead_after", 600));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 3600));
        agentWithVm(zone, provider, "aghandson001", "hands-on-token");
        assertThat(checkIn("hands-on-token")).isEqualTo(200);
        s.advance(zone, Duration.ofSeconds(120));
        s.advance(zone, Duration.ofSeconds(480));
        assertThat(state("aghandson001")).isEqualTo(AgentState.DESTROYED);
    }
}
