package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.domain.engine.AgentTokens;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.providers.aws.FakeAwsServer;
import org.skyhold.providers.aws.FakeEc2;

/**
 * The real app when a cloud call's answer is lost and when Skyhold dies while a VM is being made: the lost create
 * is asked again with the same idempotency key (no second VM, no failed agent), and a VM that checks in without
 * Skyhold knowing its instance is adopted by its tag, taking no session and never removed before that.
 */
class CrashRecoveryScenarioTest {
    static final String AMI = "ami-0abcdef1234567890";
    static final String SUBNET = "subnet-0123abcd";
    static final String SG = "sg-0123456789abcdef0";
    static Scenario s;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static long awsProvider(long zone, FakeEc2 ec2) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "aws", "name", "aws-" + System.nanoTime(),
                "max_instances", 5, "endpoint_override", ec2.endpoint(),
                "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY, "aws_region", "eu-west-1",
                "aws_ec2_ami_id", AMI, "aws_ec2_instance_type", "m5.xlarge"));
        body.putAll(Map.of("aws_ec2_subnet_id", SUBNET, "aws_ec2_security_group_ids", "[\"" + SG + "\"]"));
        var answer = s.api.post("/api/v1/zones/" + zone + "/vm-providers", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    @Test
    void aLostCreateAnswerIsAskedAgainWithTheSameClientTokenAndNoSecondVmIsOrdered() {
        try (FakeEc2 ec2 = new FakeEc2().image(AMI, "/dev/xvda").subnet(SUBNET).securityGroup(SG)
                .instanceType("m5.xlarge", 4, 16384, 0)) {
            long zone = s.zone(Map.of("standby_cores", 4));
            awsProvider(zone, ec2);
            ec2.loseNextAnswer("RunInstances");
            s.step(zone);
            assertThat(ec2.instances()).as("EC2 made the VM; only its answer was lost").hasSize(1);
            Agent waiting = s.agents(zone).get(0);
            assertThat(waiting.state()).as("not failed: the VM may exist").isEqualTo(AgentState.PENDING);
            assertThat(s.eventReasons(zone, "agent.create_unanswered")).singleElement().asString()
                    .contains(waiting.id(), "same idempotency key");

            s.advance(zone, Duration.ofSeconds(2));
            Agent started = s.app.repositories().agents().find(waiting.id()).orElseThrow();
            assertThat(started.state()).isEqualTo(AgentState.STARTING);
            assertThat(started.instanceId()).isEqualTo(ec2.instances().get(0).id);
            assertThat(ec2.instances()).as("no second VM").hasSize(1);
            assertThat(ec2.calls("RunInstances")).hasSize(2).extracting(c -> c.params().get("ClientToken"))
                    .containsOnly("skyhold-" + waiting.id());
            assertThat(s.app.repositories().agents().listByZone(zone, java.util.EnumSet.allOf(AgentState.class)))
                    .as("no second agent was ordered").hasSize(1);
        }
    }

    private static int checkIn(String token) {
        return TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/api/v1/agent/checkin"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cores\":4,\"gpus\":0,\"memory_mb\":8192}")).build())
                .statusCode();
    }

    @Test
    void aVmThatChecksInWithoutAnInstanceIdIsAdoptedByItsTagAndTakesNoSessionNorIsRemovedBeforeThat() {
        long zone = s.zone(Map.of("standby_cores", 0, "downscale_backoff", 60));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 3600));
        long image = s.image(1);
        // left by a crash while the create was in flight: the pending row, and (below) a VM the cloud made for it
        var now = s.clock.instant();
        s.app.repositories().agents().insertUnderCap(new Agent("agcrashvm001", zone, provider, true,
                "skyhold-agcrashvm001", AgentState.PENDING, null, null, null, null, null, Capacity.ZERO, now, now,
                null, null, null, null), 10, AgentTokens.hash("crash-token"));
        assertThat(checkIn("crash-token")).isEqualTo(200);
        Agent running = s.app.repositories().agents().find("agcrashvm001").orElseThrow();
        assertThat(running.state()).isEqualTo(AgentState.RUNNING);
        assertThat(running.instanceId()).isNull();

        // the cloud's listing does not show the VM yet: the agent holds no session and is not scaled down
        assertThat(s.requestSession(zone, image, "ann").status()).as("no session on an agent Skyhold cannot destroy")
                .isEqualTo(503);
        s.advance(zone, Duration.ofSeconds(120));
        Agent kept = s.app.repositories().agents().find("agcrashvm001").orElseThrow();
        assertThat(kept.state()).as("never removed while its VM is unknown").isEqualTo(AgentState.RUNNING);
        assertThat(s.eventReasons(zone, "agent.unadopted")).singleElement().asString().contains("agcrashvm001");

        var config = s.app.repositories().vmProviders().find(provider).orElseThrow();
        String instance = s.app.engine().ports.factory().vm(config).create(new VmSpec("agcrashvm001",
                "skyhold-agcrashvm001", "", VmSpec.tags(s.app.installationId(), zone, "agcrashvm001"),
                "skyhold-agcrashvm001", "http://127.0.0.1:1/x", "crash-token")).instanceId();
        int vms = s.app.engine().simulated.vmCount();
        s.advance(zone, Duration.ofSeconds(60));
        Agent adopted = s.app.repositories().agents().find("agcrashvm001").orElseThrow();
        assertThat(adopted.instanceId()).as("adopted by its tag").isEqualTo(instance);
        assertThat(s.eventReasons(zone, "agent.recovered")).anyMatch(r -> r.contains(instance));

        // adopted, it is an ordinary idle agent: standby 0 removes it, and its VM with it
        s.advance(zone, Duration.ofSeconds(120));
        assertThat(s.app.repositories().agents().find("agcrashvm001").orElseThrow().state())
                .isEqualTo(AgentState.DESTROYED);
        assertThat(s.app.engine().simulated.vmCount()).isEqualTo(vms - 1);
    }
}
