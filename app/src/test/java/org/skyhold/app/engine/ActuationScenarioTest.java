package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.providers.aws.FakeAwsServer;
import org.skyhold.providers.aws.FakeEc2;

/**
 * The engine never waits on a cloud: a provider's bug is contained as a classified error (backoff and failover),
 * the zone's pass returns while creates are in flight, a create's answer is written only under the lease it was
 * ordered under, and a provider's agent size is known from its cloud before any agent has checked in.
 */
class ActuationScenarioTest {
    static final String AMI = "ami-0abcdef1234567890";
    FakeEc2 ec2;

    @BeforeEach
    void fake() {
        ec2 = new FakeEc2().image(AMI, "/dev/xvda").instanceType("m5.xlarge", 4, 16384, 0);
    }

    @AfterEach
    void stopFake() {
        ec2.close();
    }

    @Test
    void anUnexpectedExceptionFromAProviderBecomesABackoffAndAFailoverNotAStuckPass() {
        try (Scenario s = Scenario.start()) {
            long zone = s.zone(Map.of("standby_cores", 0));
            long buggy = s.simProvider(zone, Map.of("priority", 0));
            long spare = s.simProvider(zone, Map.of("priority", 1));
            s.app.engine().simulated.throwOnNextCreate(new IllegalStateException("no region in the request"));
            assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 4)).status()).isEqualTo(200);

            s.step(zone);
            assertThat(s.agents(zone)).as("the next provider by priority made the agent").singleElement()
                    .satisfies(a -> assertThat(a.providerConfigId()).isEqualTo(spare));
            JsonNode health = health(s, zone, buggy);
            assertThat(health.get("last_error_class").asText()).isEqualTo("other");
            assertThat(health.get("last_error").asText()).contains("unexpected error in provider",
                    "java.lang.IllegalStateException: no region in the request");
            assertThat(health.get("backoff_until").asText()).isEqualTo(s.clock.instant().plusSeconds(60).toString());
            assertThat(s.agents(zone, AgentState.FAILED)).as("the attempt is history, not a pending row")
                    .singleElement().satisfies(a -> {
                        assertThat(a.providerConfigId()).isEqualTo(buggy);
                        assertThat(a.lastError()).startsWith("other: ");
                    });
            assertThat(s.app.engine().metrics.scrape()).contains("skyhold_provider_call_seconds_count{call=\"create\","
                    + "kind=\"simulated\",outcome=\"unexpected\"");
        }
    }

    @Test
    void theZonesPassReturnsWhileItsCreatesAreStillInFlight() {
        try (Scenario s = Scenario.start()) {
            ec2.latency("RunInstances", Duration.ofSeconds(2));
            long zone = s.zone(Map.of("standby_cores", 0));
            long provider = awsProvider(s, zone);
            s.app.engine().sizes.lookUp(s.app.repositories().vmProviders().find(provider).orElseThrow());
            assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 12)).status()).isEqualTo(200);

            long t0 = System.nanoTime();
            s.app.engine().loop.runZone(zone);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the pass did not wait for EC2")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(s.agents(zone)).as("three agents of 4 cores ordered at once").hasSize(3)
                    .allSatisfy(a -> assertThat(a.state()).isEqualTo(AgentState.PENDING));
            var plan = s.api.get("/api/v1/zones/" + zone + "/plan");
            assertThat(plan.status()).as("the app answers while the creates are in flight").isEqualTo(200);
            s.app.engine().loop.runZone(zone);
            assertThat(s.agents(zone)).as("pending agents count as capacity on its way: nothing ordered twice")
                    .hasSize(3);

            s.settle();
            assertThat(ec2.mostInFlight("RunInstances")).isEqualTo(3);
            assertThat(s.agents(zone)).hasSize(3).allSatisfy(a -> {
                assertThat(a.state()).isEqualTo(AgentState.STARTING);
                assertThat(a.instanceId()).startsWith("i-");
            });
        }
    }

    @Test
    void aCreatesAnswerIsNotWrittenOnceTheLeaseHasPassedToAnotherManager() {
        try (Scenario s = Scenario.start()) {
            ec2.latency("RunInstances", Duration.ofSeconds(2));
            long zone = s.zone(Map.of("standby_cores", 4));
            awsProvider(s, zone);
            s.app.engine().loop.runZone(zone);
            assertThat(s.agents(zone)).singleElement().extracting(a -> a.state()).isEqualTo(AgentState.PENDING);

            // meanwhile this manager's lease lapses and another manager takes the zone
            var leases = s.app.repositories().leases();
            Instant later = s.clock.instant().plusSeconds(3600);
            leases.release(zone, s.app.engine().loop.managerId());
            assertThat(leases.acquire(zone, "manager-b", later, later.plusSeconds(15))).isPresent();

            s.settle();
            assertThat(ec2.instances()).as("EC2 made the VM").hasSize(1);
            assertThat(s.agents(zone)).as("but the answer came too late to be written by this manager")
                    .singleElement().satisfies(a -> {
                        assertThat(a.state()).isEqualTo(AgentState.PENDING);
                        assertThat(a.instanceId()).isNull();
                    });
            assertThat(s.eventReasons(zone, "agent.orphaned")).singleElement().asString()
                    .contains(ec2.instances().get(0).id, "new manager adopts it");
        }
    }

    @Test
    void afterARestartABurstOrdersEveryAgentItNeedsInOnePass() {
        Map<String, String> env = TestApp.env(TestApp.newDataDir());
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
        long zone;
        long provider;
        try (Scenario before = Scenario.start(env, clock)) {
            zone = before.zone(Map.of("standby_cores", 0));
            provider = awsProvider(before, zone);
            awaitSizes(before);
            assertThat(before.app.repositories().vmProviders().find(provider).orElseThrow().agentSize())
                    .as("looked up from EC2 when the provider was saved").isEqualTo(new Capacity(4, 0, 16384));
        }
        // the restarted engine cannot ask EC2 again: only the stored size can tell it
        ec2.failAlways("DescribeInstanceTypes", 503, "ServiceUnavailable", "try later");
        try (Scenario after = Scenario.start(env, clock)) {
            awaitSizes(after);
            assertThat(after.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 40)).status()).isEqualTo(200);
            after.app.engine().loop.runZone(zone);
            assertThat(after.agents(zone)).as("ten agents of 4 cores ordered in one pass").hasSize(10);
            after.settle();
            assertThat(ec2.calls("RunInstances")).hasSize(10);
            assertThat(ec2.instances()).hasSize(10);
        }
    }

    private static void awaitSizes(Scenario s) {
        try {
            assertThat(s.app.engine().sizes.awaitIdle(Duration.ofSeconds(20))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long awsProvider(Scenario s, long zone) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "aws", "name", "aws-" + System.nanoTime(),
                "max_instances", 20, "startup_script", "#!/bin/sh\n", "endpoint_override", ec2.endpoint(),
                "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY, "aws_region", "eu-west-1",
                "aws_ec2_ami_id", AMI, "aws_ec2_instance_type", "m5.xlarge"));
        var answer = s.api.post("/api/v1/zones/" + zone + "/vm-providers", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    private static JsonNode health(Scenario s, long zone, long provider) {
        return s.api.get("/api/v1/zones/" + zone + "/vm-providers/" + provider).body().get("health");
    }
}
