package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.providers.aws.FakeAwsServer;
import org.skyhold.providers.aws.FakeEc2;
import org.skyhold.providers.aws.FakeRoute53;

/**
 * The real app (executor, PostgreSQL, the AWS provider and Route 53 through the AWS SDK) against the fake EC2 and
 * Route 53 on 127.0.0.1. A VM "boots" when the test says so, and its agent checks in by the call found in the
 * user data Skyhold rendered for it.
 */
class AwsScenarioTest {
    static final String AMI = "ami-0abcdef1234567890";
    static final String SUBNET = "subnet-0123abcd";
    static final String SG = "sg-0123456789abcdef0";
    static final String BASE = "agents.aws.scenario.test";
    static final String CHECKIN = "#!/bin/sh\n# {server_id} on {zone_name}\n"
            + "curl -fsS -X POST -H 'Authorization: Bearer {checkin_token}' -H 'Content-Type: application/json' "
            + "-d '{{\"cores\":4,\"gpus\":0,\"memory_mb\":8192,\"hostname\":\"{server_hostname}\"}}' {checkin_url}\n";

    static Scenario s;
    FakeEc2 ec2;
    FakeRoute53 r53;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @BeforeEach
    void fakes() {
        ec2 = new FakeEc2().image(AMI, "/dev/xvda").subnet(SUBNET).securityGroup(SG)
                .instanceType("m5.xlarge", 4, 16384, 0);
        r53 = new FakeRoute53();
    }

    @AfterEach
    void stopFakes() {
        ec2.close();
        r53.close();
    }

    @Test
    void anAgentIsBornOnEc2NamedInRoute53UsedAndTerminatedWithItsRecordWhenNoLongerNeeded() {
        FakeRoute53.Zone hosted = r53.zone("aws.scenario.test", false);
        r53.zone("scenario.test", false);
        long dns = s.api.post("/api/v1/dns-providers", Map.of("kind", "route53", "name", "r53-" + System.nanoTime(),
                "endpoint_override", r53.endpoint(), "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY)).body().get("id").asLong();
        long zone = s.zone(Map.of("standby_cores", 4, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", BASE, "downscale_backoff", 300));
        long provider = awsProvider(zone, Map.of());
        var tested = s.api.post("/api/v1/zones/" + zone + "/vm-providers/" + provider + "/test", Map.of()).body();
        assertThat(tested.get("ok").asBoolean()).as(tested.toString()).isTrue();
        assertThat(tested.get("message").asText()).contains(AMI, SUBNET, SG, "m5.xlarge has 4 vCPUs");

        // standby asks for an agent: RunInstances, and nothing in DNS while EC2 has not told the public address
        s.step(zone);
        assertThat(ec2.calls("RunInstances")).hasSize(1);
        Agent first = s.agents(zone).get(0);
        FakeEc2.Instance vm = ec2.instances().get(0);
        assertThat(first.state()).isEqualTo(AgentState.STARTING);
        assertThat(first.instanceId()).isEqualTo(vm.id);
        assertThat(vm.tags).containsEntry("skyhold-agent", first.id()).containsEntry("Name", first.name())
                .containsEntry("skyhold-zone", Long.toString(zone)).containsEntry("skyhold-installation",
                        s.app.installationId());
        assertThat(vm.userData).contains("Authorization: Bearer ", "/api/v1/agent/checkin", first.id());
        assertThat(r53.records(hosted)).isEmpty();

        // the VM boots; the engine reads its addresses and names it; then its agent checks in
        ec2.boot(vm.id);
        s.step(zone);
        String name = first.id() + "." + BASE;
        assertThat(r53.a(name)).get().satisfies(r -> {
            assertThat(r.values()).containsExactly(vm.publicIp());
            assertThat(r.ttl()).isEqualTo(60);
        });
        assertThat(ec2.runUserData(vm.id)).isEqualTo(200);
        Agent running = s.app.repositories().agents().find(first.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(AgentState.RUNNING);
        assertThat(running.dnsName()).isEqualTo(name);
        assertThat(running.publicIp()).isEqualTo(vm.publicIp());
        assertThat(running.capacity().cores()).isEqualTo(4);

        // two sessions fill it; a second agent is ordered to keep the standby, and runs the same way
        long image = s.image(2);
        var ann = s.requestSession(zone, image, "ann").body();
        var bob = s.requestSession(zone, image, "bob").body();
        assertThat(List.of(ann, bob)).allSatisfy(x -> {
            assertThat(x.get("agent_id").asText()).isEqualTo(first.id());
            assertThat(x.get("agent_address").asText()).isEqualTo(name);
        });
        Scenario.await("a second instance is ordered", () -> ec2.instances().size() == 2);
        s.settle(); // and its answer written: the agent is starting with its instance id
        FakeEc2.Instance vm2 = ec2.instances().get(1);
        ec2.boot(vm2.id);
        s.step(zone);
        assertThat(ec2.runUserData(vm2.id)).isEqualTo(200);
        assertThat(s.agents(zone, AgentState.RUNNING)).hasSize(2).allSatisfy(a -> assertThat(a.dnsName()).isNotNull());
        assertThat(r53.records(hosted)).hasSize(2);

        // the sessions end; within the downscale backoff nothing goes, after it the spare agent does
        assertThat(s.api.delete("/api/v1/sessions/" + ann.get("id").asText()).status()).isEqualTo(204);
        assertThat(s.api.delete("/api/v1/sessions/" + bob.get("id").asText()).status()).isEqualTo(204);
        advance(zone, Duration.ofSeconds(240));
        assertThat(s.agents(zone)).hasSize(2);
        assertThat(ec2.calls("TerminateInstances")).isEmpty();
        advance(zone, Duration.ofSeconds(120));
        Scenario.await("one agent is being destroyed", () -> !ec2.calls("TerminateInstances").isEmpty());
        String doomed = ec2.calls("TerminateInstances").get(0).params().get("InstanceId.1");
        Agent leaving = s.agents(zone, AgentState.DESTROYING).stream().filter(a -> a.instanceId().equals(doomed))
                .findFirst().orElseThrow();
        assertThat(r53.a(leaving.id() + "." + BASE)).as("its record is deleted first").isEmpty();

        ec2.settle(); // EC2 finishes the termination
        advance(zone, Duration.ofSeconds(30));
        assertThat(s.app.repositories().agents().find(leaving.id()).orElseThrow().state())
                .isEqualTo(AgentState.DESTROYED);
        assertThat(ec2.instance(doomed).orElseThrow().state()).isEqualTo("terminated");
        assertThat(s.agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.RUNNING);
            assertThat(r53.a(a.dnsName())).isPresent();
        });
        assertThat(r53.records(hosted)).hasSize(1);
        assertThat(ec2.live()).hasSize(1);
    }

    @Test
    void aThrottledEc2SlowsTheProviderDownWithoutLosingOrDuplicatingAnAgent() {
        ec2.failNext("RunInstances", 503, "RequestLimitExceeded", "Request limit exceeded.");
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = awsProvider(zone, Map.of());

        s.step(zone);
        var runs = ec2.calls("RunInstances");
        assertThat(runs).as("the throttled create is tried again, with the same client token").hasSize(2);
        assertThat(runs.get(1).params().get("ClientToken")).isEqualTo(runs.get(0).params().get("ClientToken"));
        assertThat(ec2.instances()).hasSize(1);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(ec2.instances().get(0).id);
        });
        assertThat(s.agents(zone, AgentState.FAILED)).as("a throttle absorbed is not a failed agent").isEmpty();
        assertThat(s.app.engine().actuator.limiter(provider).limit())
                .as("the provider's calls in flight are halved from its max_concurrent_calls of 10").isEqualTo(5);
    }

    @Test
    void anEc2ThatKeepsThrottlingMakesTheProviderRestWithoutLosingOrDuplicatingAnAgent() {
        ec2.failAlways("RunInstances", 503, "RequestLimitExceeded", "Request limit exceeded.");
        long zone = s.zone(Map.of("standby_cores", 4));
        long provider = awsProvider(zone, Map.of());

        s.step(zone);
        var health = providerHealth(zone, provider);
        assertThat(health.get("last_error_class").asText()).isEqualTo("throttled");
        assertThat(health.get("last_error").asText()).contains("RequestLimitExceeded", "Request limit exceeded.");
        assertThat(health.get("backoff_until").asText()).isEqualTo(s.clock.instant().plusSeconds(30).toString());
        assertThat(s.agents(zone)).isEmpty();
        assertThat(ec2.instances()).isEmpty();
        int tried = ec2.calls("RunInstances").size();
        assertThat(tried).as("the create and its retries").isEqualTo(1 + 8);

        ec2.heal();
        s.advance(zone, Duration.ofSeconds(10));
        assertThat(ec2.calls("RunInstances")).as("the provider rests while throttled").hasSize(tried);

        s.advance(zone, Duration.ofSeconds(20));
        assertThat(ec2.calls("RunInstances")).hasSize(tried + 1);
        assertThat(ec2.instances()).hasSize(1);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.STARTING);
            assertThat(a.instanceId()).isEqualTo(ec2.instances().get(0).id);
        });
        assertThat(s.agents(zone, AgentState.FAILED)).as("the throttled attempt is history, not a VM")
                .singleElement().satisfies(a -> assertThat(a.instanceId()).isNull());
    }

    @Test
    void anInstanceLimitShowsOnTheZoneAndTheNextProviderTakesTheWork() {
        ec2.failAlways("RunInstances", 400, "InstanceLimitExceeded",
                "You have requested more instances (1) than your current instance limit of 0 allows.");
        long zone = s.zone(Map.of("standby_cores", 4));
        long aws = awsProvider(zone, Map.of("priority", 0));
        long spare = s.simProvider(zone, Map.of("priority", 1));

        s.step(zone);
        assertThat(s.agents(zone)).singleElement().satisfies(a -> assertThat(a.providerConfigId()).isEqualTo(spare));
        var health = providerHealth(zone, aws);
        assertThat(health.get("last_error_class").asText()).isEqualTo("quota");
        assertThat(health.get("last_error").asText()).isEqualTo("EC2 InstanceLimitExceeded: You have requested more "
                + "instances (1) than your current instance limit of 0 allows.");
        assertThat(s.page("/zones/" + zone)).contains("quota: EC2 InstanceLimitExceeded");
        assertThat(ec2.instances()).isEmpty();
    }

    @Test
    void aVmAndARecordThatNoLiveAgentOwnsAreSweptAfterTheGracePeriod() {
        FakeRoute53.Zone hosted = r53.zone("aws.scenario.test", false);
        long dns = s.api.post("/api/v1/dns-providers", Map.of("kind", "route53", "name", "r53-" + System.nanoTime(),
                "endpoint_override", r53.endpoint(), "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY)).body().get("id").asLong();
        long zone = s.zone(Map.of("standby_cores", 0, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", BASE));
        long provider = awsProvider(zone, Map.of());
        // left behind by a crash: a VM tagged for this zone and installation, and the record of its agent, which
        // this installation created and which has ended
        s.endedAgent(zone, provider, "agorphan0001");
        FakeEc2.Instance orphan = ec2.launchedElsewhere(Map.of("skyhold-installation", s.app.installationId(),
                "skyhold-zone", Long.toString(zone), "skyhold-agent", "agorphan0001"));
        FakeEc2.Instance foreign = ec2.launchedElsewhere(Map.of("skyhold-installation", "another-installation",
                "skyhold-zone", Long.toString(zone), "skyhold-agent", "agforeign001"));
        r53.put(hosted, "agorphan0001." + BASE, "A", 60, "203.0.113.200");
        r53.put(hosted, "www." + BASE, "A", 60, "203.0.113.201");
        r53.put(hosted, "agforeign001." + BASE, "A", 60, "203.0.113.202");

        advance(zone, Duration.ofMinutes(9));
        assertThat(orphan.state()).as("not before the grace period").isEqualTo("running");
        assertThat(r53.a("agorphan0001." + BASE)).isPresent();

        advance(zone, Duration.ofMinutes(2));
        assertThat(orphan.state()).isEqualTo("shutting-down");
        assertThat(r53.a("agorphan0001." + BASE)).isEmpty();
        assertThat(foreign.state()).as("another installation's VM is not ours").isEqualTo("running");
        assertThat(r53.a("www." + BASE)).as("a name not shaped like an agent's is never touched").isPresent();
        assertThat(r53.a("agforeign001." + BASE)).as("nor an agent's that nobody here registered").isPresent();
        assertThat(ec2.calls("DescribeInstances")).anySatisfy(c -> assertThat(c.params())
                .containsEntry("Filter.1.Value.1", s.app.installationId()));
    }

    private long awsProvider(long zone, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "aws", "name", "aws-" + System.nanoTime(),
                "max_instances", 5, "startup_script", CHECKIN, "endpoint_override", ec2.endpoint(),
                "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY, "aws_region", "eu-west-1",
                "aws_ec2_ami_id", AMI, "aws_ec2_instance_type", "m5.xlarge"));
        body.putAll(Map.of("aws_ec2_subnet_id", SUBNET, "aws_ec2_security_group_ids", "[\"" + SG + "\"]",
                "aws_ec2_ebs_volume_size_gb", 64, "aws_ec2_ebs_volume_type", "gp3",
                "aws_ec2_custom_tags", "{\"team\":\"vdi\"}"));
        body.putAll(overrides);
        var answer = s.api.post("/api/v1/zones/" + zone + "/vm-providers", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    private com.fasterxml.jackson.databind.JsonNode providerHealth(long zone, long provider) {
        return s.api.get("/api/v1/zones/" + zone + "/vm-providers/" + provider).body().get("health");
    }

    /** Moves the clock in half-minute steps, the agents sending their heartbeats as a real daemon would. */
    private void advance(long zone, Duration d) {
        for (long done = 0; done < d.toSeconds(); done += 30) {
            ec2.heartbeats();
            s.advance(zone, Duration.ofSeconds(Math.min(30, d.toSeconds() - done)));
        }
    }
}
