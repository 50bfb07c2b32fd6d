package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.engine.AgentTokens;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/** The agents' side of the protocol and the operator's agent actions, through the real HTTP API. */
class AgentProtocolTest {
    static Scenario s;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static int post(String path, String token, String body) {
        return TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }

    /** A booting agent whose IP is known, so the loop has no reason to ask the cloud about it. */
    private static String pendingAgent(long zone, long provider, String id, String token) {
        var now = s.clock.instant();
        s.app.repositories().agents().insertUnderCap(new Agent(id, zone, provider, true, "skyhold-" + id,
                AgentState.STARTING, "i-" + id, null, null, "10.9.9.1", null, Capacity.ZERO, now, now, null, null,
                null, null), 10, AgentTokens.hash(token));
        return id;
    }

    @Test
    void theCheckInAnswerCarriesTheZonesNginxCertificateAndKeyForAnAgentThatAsks() throws Exception {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false,
                "base_domain_name", SampleSettings.BASE_DOMAIN, "nginx_cert", SampleSettings.NGINX_CERT,
                "nginx_key", SampleSettings.NGINX_KEY));
        long provider = s.simProvider(zone, Map.of());
        pendingAgent(zone, provider, "agtls00001", "tls-token-1");
        pendingAgent(zone, provider, "agtls00002", "tls-token-2");

        var asks = checkIn("tls-token-1", "{\"cores\":4,\"gpus\":0,\"memory_mb\":1024,\"nginx_tls\":true}");
        var doesNotAsk = checkIn("tls-token-2", "{\"cores\":4,\"gpus\":0,\"memory_mb\":1024}");

        assertThat(asks.get("nginx_cert").asText()).isEqualTo(SampleSettings.NGINX_CERT);
        assertThat(asks.get("nginx_key").asText()).isEqualTo(SampleSettings.NGINX_KEY);
        assertThat(doesNotAsk.has("nginx_key")).isFalse();
        assertThat(doesNotAsk.has("nginx_cert")).isFalse();
        assertThat(s.page("/zones/" + zone)).as("the zone page warns about {nginx_key_in}")
                .contains("instance metadata service serves to every process on the VM");
    }

    private static JsonNode checkIn(String token, String body) throws Exception {
        var answer = TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/api/v1/agent/checkin"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiClient.JSON.readTree(answer.body());
    }

    @Test
    void aCheckInTokenWorksOnceAndTheHeartbeatTellsTheAgentItsSessions() throws Exception {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        long provider = s.simProvider(zone, Map.of());
        pendingAgent(zone, provider, "agprotocol01", "one-time-token");

        var answer = TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/api/v1/agent/checkin"))
                .header("Authorization", "Bearer one-time-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"cores\":8,\"gpus\":1,\"memory_mb\":16384,\"hostname\":\"h1\",\"ip\":\"10.9.9.9\"}")).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(body.get("heartbeat_url").asText()).endsWith("/api/v1/agent/heartbeat");
        String heartbeat = body.get("heartbeat_token").asText();
        assertThat(post("/api/v1/agent/checkin", "one-time-token", "{\"cores\":8,\"gpus\":1,\"memory_mb\":1}"))
                .as("the token works once").isEqualTo(401);

        Agent running = s.app.repositories().agents().find("agprotocol01").orElseThrow();
        assertThat(running.state()).isEqualTo(AgentState.RUNNING);
        assertThat(running.capacity()).isEqualTo(new Capacity(8, 1, 16384));

        String session = s.requestSession(zone, s.image(2), "ann").body().get("id").asText();
        var beat = TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/api/v1/agent/heartbeat"))
                .header("Authorization", "Bearer " + heartbeat).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(beat.statusCode()).isEqualTo(200);
        assertThat(beat.body()).contains(session);
        assertThat(post("/api/v1/agent/heartbeat", "wrong", "{}")).isEqualTo(401);
        assertThat(post("/api/v1/agent/checkin", "one-time-token", "not json")).isEqualTo(400);
    }

    @Test
    void aSilentAgentGoesMissingThenDeadAndIsDestroyed() {
        long zone = s.zone(Map.of("standby_cores", 0, "agent_missing_after", 120, "agent_dead_after", 600));
        long provider = s.simProvider(zone, Map.of());
        pendingAgent(zone, provider, "agsilent0001", "silent-token");
        assertThat(post("/api/v1/agent/checkin", "silent-token", "{\"cores\":4,\"gpus\":0,\"memory_mb\":1}"))
                .isEqualTo(200);
        s.advance(zone, Duration.ofSeconds(120));
        assertThat(state("agsilent0001")).isEqualTo(AgentState.MISSING);
        s.advance(zone, Duration.ofSeconds(480));
        assertThat(state("agsilent0001")).isEqualTo(AgentState.DESTROYED);
        assertThat(s.eventReasons(zone, "agent.dead")).singleElement().asString().contains("no heartbeat for 600 s");
    }

    @Test
    void drainingWaitsForTheLastSessionAndDestroyIsRefusedWhileSessionsRemainUnlessForced() {
        long zone = s.zone(Map.of("standby_cores", 0, "scaling_enabled", false));
        var rack = s.api.post("/api/v1/agents", Map.of("zone_id", zone, "name", "rack-9", "address", "10.0.0.9",
                "cores", 4, "gpus", 0, "memory_mb", 8192)).body().get("id").asText();
        long image = s.image(1);
        String session = s.requestSession(zone, image, "ann").body().get("id").asText();

        var refused = s.api.delete("/api/v1/agents/" + rack);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.raw()).contains("holds sessions");
        assertThat(s.api.post("/api/v1/agents/" + rack + "/drain", Map.of()).body().get("state").asText())
                .isEqualTo("draining");
        assertThat(s.requestSession(zone, image, "bob").status()).as("no new sessions on a draining agent")
                .isEqualTo(503);
        s.api.delete("/api/v1/sessions/" + session);
        s.advance(zone, Duration.ofSeconds(5));
        assertThat(state(rack)).as("a drained static agent stays").isEqualTo(AgentState.DRAINING);

        var other = s.api.post("/api/v1/agents", Map.of("zone_id", zone, "name", "rack-10", "address", "10.0.0.10",
                "cores", 4, "gpus", 0, "memory_mb", 8192)).body().get("id").asText();
        s.requestSession(zone, image, "cid");
        assertThat(s.api.delete("/api/v1/agents/" + other + "?force=true").status()).isEqualTo(200);
        assertThat(state(other)).isEqualTo(AgentState.DESTROYED);
        var zoneDelete = s.api.delete("/api/v1/zones/" + zone);
        assertThat(zoneDelete.status()).as("a zone with a live agent is not deleted").isEqualTo(400);
        assertThat(zoneDelete.raw()).contains("1 live agent");
        assertThat(s.app.repositories().sessions().listOpenByAgent(other)).isEmpty();
    }

    @Test
    void withoutRequiredCheckInAnAgentRunsWhenItsCloudSaysSo() {
        long zone = s.zone(Map.of("standby_cores", 4));
        s.simProvider(zone, Map.of("require_checkin", false, "sim_boot_seconds", 20));
        s.step(zone);
        String id = s.agents(zone).get(0).id();
        s.app.engine().simulated.tick(s.clock.instant());
        s.clock.advance(Duration.ofSeconds(20));
        s.app.engine().loop.runZone(zone);
        s.settle();
        assertThat(state(id)).isEqualTo(AgentState.RUNNING);
        assertThat(s.app.repositories().agents().find(id).orElseThrow().capacity().cores()).isEqualTo(4);
    }

    @Test
    void metricsNeedAKeyAndCountAgentsByState() {
        long zone = s.zone(Map.of("standby_cores", 4));
        s.simProvider(zone, Map.of());
        s.step(zone);
        s.step(zone); // gauges describe the zone as a pass found it: the second pass finds the new agent
        var anonymous = TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/metrics")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        String key = s.api.post("/api/v1/api-keys", Map.of("name", "prometheus", "scope", "read")).body().get("key").asText();
        var scraped = TestApp.send(HttpRequest.newBuilder(s.app.publicUrl().resolve("/metrics"))
                .header("Authorization", "Bearer " + key).GET().build());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("skyhold_agents{state=\"starting\",zone=\"" + zone + "\"} 1.0",
                "skyhold_zone_target{dimension=\"cores\",zone=\"" + zone + "\"} 4.0", "skyhold_loop_duration_seconds");
    }

    @Test
    void theStartupScriptPreviewRendersAndRefusesUnknownNamesWithTheirLine() {
        long zone = s.zone(Map.of("standby_cores", 0));
        var ok = s.api.post("/api/v1/zones/" + zone + "/startup-script-preview", Map.of("kind", "aws", "name", "p",
                "startup_script", "#!/bin/sh\necho {server_id} {{literal}}\n"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("rendered").asText()).isEqualTo("#!/bin/sh\necho agexample001 {literal}\n");
        assertThat(ok.body().get("limit").asInt()).isEqualTo(16384);
        var bad = s.api.post("/api/v1/zones/" + zone + "/startup-script-preview", Map.of("startup_script",
                "a\n{nope}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("startup_script", "line 2", "unknown variable {nope}");
    }

    private static AgentState state(String id) {
        return s.app.repositories().agents().find(id).orElseThrow().state();
    }
}
