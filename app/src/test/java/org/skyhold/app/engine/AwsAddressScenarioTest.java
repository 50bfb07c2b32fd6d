package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * Agents' addresses and names on the real app against the fake EC2 and Route 53, which behave as the real ones
 * do: EC2 gives an instance its public IP only when it reaches running (or later, when an Elastic IP is
 * associated), and Route 53 can refuse a change for a while. Every agent's A record must end up holding its
 * public IP, and a refused registration is retried until it holds.
 */
class AwsAddressScenarioTest {
    static final String AMI = "ami-0abcdef1234567890";
    static final String BASE = "agents.address.test";
    /** The agent reports the address of its container bridge, as a real one behind Docker would. */
    static final String CHECKIN = "#!/bin/sh\n"
            + "curl -fsS -X POST -H 'Authorization: Bearer {checkin_token}' -H 'Content-Type: application/json' "
            + "-d '{{\"cores\":4,\"gpus\":0,\"memory_mb\":8192,\"hostname\":\"{server_hostname}\","
            + "\"ip\":\"172.17.0.2\"}}' {checkin_url}\n";

    static Scenario s;
    FakeEc2 ec2;
    FakeRoute53 r53;
    FakeRoute53.Zone hosted;
    long zone;

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
        ec2 = new FakeEc2().image(AMI, "/dev/xvda").instanceType("m5.xlarge", 4, 16384, 0);
        r53 = new FakeRoute53();
        hosted = r53.zone("address.test", false);
        long dns = s.api.post("/api/v1/dns-providers", Map.of("kind", "route53", "name", "r53-" + System.nanoTime(),
                "endpoint_override", r53.endpoint(), "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY)).body().get("id").asLong();
        zone = s.zone(Map.of("standby_cores", 4, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", BASE));
        var answer = s.api.post("/api/v1/zones/" + zone + "/vm-providers", Map.of("kind", "aws",
                "name", "aws-" + System.nanoTime(), "max_instances", 3, "startup_script", CHECKIN,
                "endpoint_override", ec2.endpoint(), "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY, "aws_region", "eu-west-1",
                "aws_ec2_ami_id", AMI, "aws_ec2_instance_type", "m5.xlarge"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    }

    @AfterEach
    void stopFakes() {
        ec2.close();
        r53.close();
    }

    @Test
    void anAgentThatChecksInBeforeTheEngineDescribesItIsNamedOnThePublicIpEc2AssignedAtRunning() {
        s.step(zone);
        FakeEc2.Instance vm = ec2.instances().get(0);
        Agent agent = s.agents(zone).get(0);

        // a fast agent: its VM runs and checks in before the engine has looked at the instance again
        ec2.boot(vm.id);
        assertThat(ec2.runUserData(vm.id)).isEqualTo(200);
        s.step(zone);

        Agent running = s.app.repositories().agents().find(agent.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(AgentState.RUNNING);
        assertThat(running.publicIp()).isEqualTo(vm.publicIp());
        assertThat(running.privateIp()).as("the cloud's address, not the one the check-in body reported")
                .isEqualTo(vm.privateIp);
        assertThat(running.dnsName()).isEqualTo(agent.id() + "." + BASE);
        assertEveryRecordHoldsItsAgentsPublicIp(1);
    }

    @Test
    void aPublicIpAssignedAfterTheAgentRunsMovesItsRecordToIt() {
        s.step(zone);
        FakeEc2.Instance vm = ec2.instances().get(0);
        Agent agent = s.agents(zone).get(0);
        ec2.bootPrivate(vm.id);
        s.step(zone);
        assertThat(r53.a(agent.id() + "." + BASE)).as("named on its private IP while it has no other")
                .get().satisfies(r -> assertThat(r.values()).containsExactly(vm.privateIp));
        assertThat(ec2.runUserData(vm.id)).isEqualTo(200);

        String elastic = ec2.assignPublicIp(vm.id);
        advance(Duration.ofMinutes(3));

        Agent running = s.app.repositories().agents().find(agent.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(AgentState.RUNNING);
        assertThat(running.publicIp()).isEqualTo(elastic);
        assertEveryRecordHoldsItsAgentsPublicIp(1);
        assertThat(s.eventReasons(zone, "dns.registered")).as("one event per address the record took").hasSize(2);
    }

    @Test
    void aRegistrationRoute53RefusedIsRetriedUntilItHoldsWithOneEventPerChangeOfOutcome() {
        r53.failAlways("ChangeResourceRecordSets", 400, "Throttling", "Rate exceeded");
        s.step(zone);
        FakeEc2.Instance vm = ec2.instances().get(0);
        Agent agent = s.agents(zone).get(0);
        ec2.boot(vm.id);
        s.step(zone);
        assertThat(ec2.runUserData(vm.id)).isEqualTo(200);
        advance(Duration.ofMinutes(2));

        assertThat(r53.records(hosted)).isEmpty();
        assertThat(s.eventReasons(zone, "dns.error")).as("one event while it keeps failing").singleElement()
                .asString().contains(agent.id() + "." + BASE, "Rate exceeded");
        assertThat(r53.calls("ChangeResourceRecordSets").size()).as("retried, with backoff").isBetween(3, 12);
        assertThat(s.page("/")).contains("DNS failing for 1 agent", "Rate exceeded");
        assertThat(s.page("/zones/" + zone)).contains("DNS failing for 1 agent", "Rate exceeded");
        var failing = s.api.get("/api/v1/agents/" + agent.id()).body();
        assertThat(failing.get("dns_registered").asBoolean()).isFalse();
        assertThat(failing.get("dns_error").asText()).contains("Rate exceeded");
        assertThat(failing.get("dns_error_at").isNull()).isFalse();
        assertThat(s.api.get("/api/v1/agents?zone_id=" + zone).body().get(0).get("dns_error").asText())
                .contains("Rate exceeded");
        assertThat(s.page("/agents/" + agent.id())).contains("failing: ", "Rate exceeded");

        r53.heal();
        advance(Duration.ofMinutes(2));
        assertEveryRecordHoldsItsAgentsPublicIp(1);
        var healed = s.api.get("/api/v1/agents/" + agent.id()).body();
        assertThat(healed.get("dns_registered").asBoolean()).isTrue();
        assertThat(healed.get("dns_error").isNull()).isTrue();
        assertThat(s.page("/agents/" + agent.id())).contains("registered (" + vm.publicIp() + ")");
        assertThat(s.eventReasons(zone, "dns.error")).hasSize(1);
        assertThat(s.eventReasons(zone, "dns.registered")).hasSize(1);
        assertThat(s.page("/")).doesNotContain("DNS failing");
    }

    private void assertEveryRecordHoldsItsAgentsPublicIp(int agents) {
        assertThat(r53.records(hosted)).hasSize(agents);
        for (Agent a : s.agents(zone)) {
            FakeEc2.Instance vm = ec2.instance(a.instanceId()).orElseThrow();
            assertThat(vm.publicIp()).isNotNull();
            assertThat(r53.a(a.id() + "." + BASE)).as("the record of " + a.id()).get()
                    .satisfies(r -> assertThat(r.values()).containsExactly(vm.publicIp()));
        }
    }

    /** Moves the clock in 10-second steps, the agents sending their heartbeats as a real daemon would. */
    private void advance(Duration d) {
        for (long done = 0; done < d.toSeconds(); done += 10) {
            ec2.heartbeats();
            s.advance(zone, Duration.ofSeconds(10));
        }
    }
}
