package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.providers.digitalocean.FakeDigitalOcean;

/**
 * The real app (executor, PostgreSQL, HTTP check-in) with a {@code digitalocean} VM provider and DNS provider
 * pointed at the fake DigitalOcean API. The fake boots a droplet by running the check-in line of its user data.
 */
class DigitalOceanScenarioTest {
    /** A startup script whose check-in the fake can run: one curl line, as a real agent image might have. */
    static final String SCRIPT = "#!/bin/sh\necho {server_id} > /etc/agent-id\ncurl -fsS -X POST -H 'Authorization: "
            + "Bearer {checkin_token}' -H 'Content-Type: application/json' -d '{{\"cores\":4,\"gpus\":0,"
            + "\"memory_mb\":8192,\"hostname\":\"{server_hostname}\"}}' {checkin_url}\n";

    static Scenario s;
    static FakeDigitalOcean fake;

    @BeforeAll
    static void start() {
        s = Scenario.start();
        fake = FakeDigitalOcean.start(SampleSettings.DO_TOKEN, s.clock).sampleAccount();
    }

    @AfterAll
    static void stop() {
        s.close();
        fake.close();
    }

    @Test
    void aDropletIsCreatedWithEverySeedFieldBootsChecksInGetsItsDnsNameAndIsDeletedWhenIdle() {
        long dns = s.api.post("/api/v1/dns-providers", Map.of("kind", "digitalocean", "name", "do-dns",
                "endpoint_override", fake.url(), "digital_ocean_token", SampleSettings.DO_TOKEN)).body().get("id")
                .asLong();
        long zone = s.zone(Map.of("standby_cores", 4, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", SampleSettings.BASE_DOMAIN, "downscale_backoff", 60, "agent_missing_after", 3600,
                "agent_dead_after", 7200));
        provider(zone);
        Set<String> droplets = dropletsOf(zone);
        assertThat(droplets).isEmpty();

        s.step(zone);
        Agent agent = single(zone);
        assertThat(agent.state()).isEqualTo(AgentState.STARTING);
        FakeDigitalOcean.Droplet droplet = droplet(agent);
        JsonNode body = droplet.body;
        assertThat(body.path("name").asText()).isEqualTo(agent.name());
        assertThat(body.path("region").asText()).isEqualTo("fra1");
        assertThat(body.path("size").asText()).isEqualTo("s-4vcpu-8gb");
        assertThat(body.path("image").asText()).isEqualTo("ubuntu-24-04-x64");
        assertThat(body.path("ssh_keys").toString()).as("the id of the key named ops")
                .isEqualTo("[" + fake.sshKeyId("ops") + "]");
        String inst = s.app.installationId();
        assertThat(body.path("tags").toString()).isEqualTo("[\"vdi\",\"env:prod\",\"skyhold-installation:" + inst
                + "\",\"skyhold-zone:" + inst + "-" + zone + "\",\"skyhold-agent:" + agent.id() + "\"]");
        assertThat(body.path("user_data").asText()).startsWith("#!/bin/sh\necho " + agent.id() + " > /etc/agent-id\n")
                .contains("Bearer ", "/api/v1/agent/checkin", "\"hostname\":\"" + agent.name() + "\"");
        assertThat(body.path("vpc_uuid").asText()).isEqualTo("5a4981aa-9653-4bd1-bef5-d6bff52042e4");
        assertThat(fake.firewallTags("agents-fw")).as("a zone whose tag did not exist provisions with no manual step")
                .contains("skyhold-zone:" + inst + "-" + zone);

        fake.boot(droplet.id);
        s.step(zone);
        String name = agent.id() + "." + SampleSettings.BASE_DOMAIN;
        assertThat(fake.records("example.com")).as("the longest domain holding the name is example.com")
                .singleElement().satisfies(r -> {
                    assertThat(r.name()).isEqualTo(agent.id() + ".agents");
                    assertThat(r.data()).isEqualTo(droplet.publicIp);
                    assertThat(r.ttl()).isEqualTo(60);
                });

        assertThat(fake.runStartupScript(droplet.id)).as("the check-in in the user data").isEqualTo(200);
        Scenario.await("the agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);
        Agent running = single(zone);
        assertThat(running.dnsName()).isEqualTo(name);
        assertThat(running.publicIp()).isEqualTo(droplet.publicIp);
        assertThat(running.privateIp()).isEqualTo(droplet.privateIp);
        assertThat(running.capacity().cores()).isEqualTo(4);

        assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 0)).status())
                .as("no standby from now on, so the agent goes once idle").isEqualTo(200);
        var session = s.requestSession(zone, s.image(2), "ann");
        assertThat(session.status()).as(session.raw()).isEqualTo(201);
        assertThat(session.body().get("agent_id").asText()).isEqualTo(agent.id());
        assertThat(session.body().get("agent_address").asText()).isEqualTo(name);

        assertThat(s.api.delete("/api/v1/sessions/" + session.body().get("id").asText()).status()).isEqualTo(204);
        s.advance(zone, Duration.ofSeconds(30));
        assertThat(fake.droplet(droplet.id)).as("within the downscale backoff").isPresent();
        s.advance(zone, Duration.ofSeconds(60));
        Scenario.await("the idle agent is destroyed", () -> s.agents(zone).isEmpty());

        assertThat(fake.droplet(droplet.id)).isEmpty();
        assertThat(fake.records("example.com")).isEmpty();
        assertThat(s.eventReasons(zone, "agent.destroyed")).singleElement().asString()
                .contains("instance " + droplet.id + " is gone");
        assertThat(fake.requests("POST", "/droplets")).filteredOn(r -> r.body().toString().contains(agent.id()))
                .hasSize(1);
    }

    @Test
    void aRateLimitSlowsTheProviderDownWithoutLosingOrDuplicatingAnAgent() {
        long zone = s.zone(Map.of("standby_cores", 4, "downscale_backoff", 3600, "agent_missing_after", 3600,
                "agent_dead_after", 7200));
        long provider = provider(zone);
        s.step(zone);
        Agent first = single(zone);
        FakeDigitalOcean.Droplet firstDroplet = droplet(first);
        fake.boot(firstDroplet.id);
        assertThat(fake.runStartupScript(firstDroplet.id)).isEqualTo(200);
        Scenario.await("the first agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 1);

        fake.throttleNext("POST", "/droplets", Duration.ofSeconds(120), 1);
        var session = s.requestSession(zone, s.image(4), "bob");
        assertThat(session.status()).as("the running agent takes the session").isEqualTo(201);
        s.step(zone);
        Scenario.await("the provider is throttled", () -> "throttled".equals(health(zone, provider)
                .path("last_error_class").asText()));
        JsonNode health = health(zone, provider);
        assertThat(health.path("backoff_until").asText()).isEqualTo(s.clock.instant().plusSeconds(120).toString());
        assertThat(health.path("last_error").asText()).contains("rate limit", "resets in 120 s");
        assertThat(s.agents(zone)).as("only the running agent is live").extracting(Agent::id)
                .containsExactly(first.id());
        assertThat(s.agents(zone, AgentState.FAILED)).singleElement().satisfies(a ->
                assertThat(a.lastError()).startsWith("throttled: "));
        assertThat(dropletsOf(zone)).hasSize(1);

        int creates = fake.requests("POST", "/droplets").size();
        s.advance(zone, Duration.ofSeconds(60));
        assertThat(fake.requests("POST", "/droplets")).as("no create is tried while backing off").hasSize(creates);
        assertThat(s.api.get("/api/v1/zones/" + zone + "/plan").body().toString()).contains("is backing off");

        s.advance(zone, Duration.ofSeconds(61));
        Scenario.await("a second agent is made after the backoff", () -> s.agents(zone).size() == 2);
        s.advance(zone, Duration.ofSeconds(5));
        List<Agent> live = s.agents(zone);
        assertThat(live).hasSize(2);
        assertThat(live).filteredOn(a -> a.id().equals(first.id())).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AgentState.RUNNING));
        assertThat(dropletsOf(zone)).as("one droplet per live agent, none twice")
                .isEqualTo(live.stream().map(Agent::instanceId).collect(Collectors.toSet()));
        assertThat(fake.droplets()).filteredOn(d -> d.tags.contains("skyhold-zone:" + s.app.installationId() + "-"
                + zone)).extracting(d -> d.body.path("name").asText()).doesNotHaveDuplicates().hasSize(2);
        assertThat(health(zone, provider).path("last_error_class").isNull()).as("healthy again").isTrue();
    }

    private static long provider(long zone) {
        Map<String, Object> body = new HashMap<>(SampleSettings.vmProvider("digitalocean"));
        body.put("name", "do-" + System.nanoTime());
        body.put("endpoint_override", fake.url());
        body.put("startup_script", SCRIPT);
        var created = s.api.post("/api/v1/zones/" + zone + "/vm-providers", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private static JsonNode health(long zone, long provider) {
        return s.api.get("/api/v1/zones/" + zone + "/vm-providers/" + provider).body().path("health");
    }

    private static Agent single(long zone) {
        List<Agent> live = s.agents(zone);
        assertThat(live).hasSize(1);
        return live.get(0);
    }

    private static FakeDigitalOcean.Droplet droplet(Agent agent) {
        assertThat(agent.instanceId()).isNotNull();
        return fake.droplet(Long.parseLong(agent.instanceId())).orElseThrow();
    }

    private static Set<String> dropletsOf(long zone) {
        String tag = "skyhold-zone:" + s.app.installationId() + "-" + zone;
        return fake.droplets().stream().filter(d -> d.tags.contains(tag)).map(d -> Long.toString(d.id))
                .collect(Collectors.toSet());
    }
}
