package org.skyhold.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a real agent's startup script and daemon do, done for a simulated VM: check in over HTTP with the
 * one-time token and the VM's capacity, then send heartbeats with the token the check-in answered.
 */
public final class SimulatedAgent {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    void checkIn(SimulatedCloud.Vm vm, Instant now) {
        Map<String, Object> body = Map.of("cores", vm.capacity.cores(), "gpus", vm.capacity.gpus(),
                "memory_mb", vm.capacity.memoryMb(), "hostname", vm.spec.hostname(), "ip", vm.privateIp);
        HttpResponse<String> r = post(vm.spec.checkinUrl(), vm.spec.checkinToken(), body);
        if (r.statusCode() == 401 || r.statusCode() == 404) {
            vm.bootFailed = true; // the token is no longer accepted: the agent was given up on
            return;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("check-in answered " + r.statusCode());
        }
        try {
            JsonNode answer = json.readTree(r.body());
            vm.heartbeatUrl = answer.path("heartbeat_url").asText();
            vm.heartbeatToken = answer.path("heartbeat_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("check-in answer is not JSON", e);
        }
        vm.lastBeat = now;
        vm.booted = true;
    }

    void heartbeat(SimulatedCloud.Vm vm, Instant now) {
        HttpResponse<String> r = post(vm.heartbeatUrl, vm.heartbeatToken, Map.of());
        if (r.statusCode() == 200) {
            vm.lastBeat = now;
        }
    }

    private HttpResponse<String> post(String url, String token, Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
