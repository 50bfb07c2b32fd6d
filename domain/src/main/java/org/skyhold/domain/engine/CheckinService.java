package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;

/**
 * The agents' side of the protocol: a one-time check-in that makes an agent running with the capacity it
 * reports and hands it a heartbeat token, and heartbeats that keep it running and tell it its sessions.
 */
public final class CheckinService {
    /** Where agents send heartbeats, under the public URL. */
    public static final String HEARTBEAT_PATH = "/api/v1/agent/heartbeat";

    private final EnginePorts ports;
    private final Provisioner provisioner;
    private final LongConsumer wakeZone;

    public CheckinService(EnginePorts ports, Provisioner provisioner, LongConsumer wakeZone) {
        this.ports = ports;
        this.provisioner = provisioner;
        this.wakeZone = wakeZone;
    }

    /** What an agent reports at check-in. */
    public record Report(Capacity capacity, String hostname, String ip) {
    }

    public record CheckedIn(Agent agent, String heartbeatToken) {
    }

    /** @return empty when the token is unknown or already used */
    public Optional<CheckedIn> checkIn(String token, Report report, Instant now) {
        String heartbeat = AgentTokens.newToken();
        Optional<Agent> agent = ports.agents().checkIn(AgentTokens.hash(token), report.capacity(),
                AgentTokens.hash(heartbeat), report.hostname(), report.ip(), now);
        agent.ifPresent(a -> {
            Capacity c = report.capacity();
            ports.events().record(now, a.zoneId(), a.id(), "agent.running", "agent " + a.id() + " checked in as "
                    + report.hostname() + " with " + c.cores() + " cores, " + c.gpus() + " GPUs, " + c.memoryMb()
                    + " MB");
            ports.zones().find(a.zoneId()).ifPresent(z -> provisioner.registerDns(z, a, now));
            if (a.autoscaled()) {
                ports.metrics().provisioned(a.zoneId(), java.time.Duration.between(a.createdAt(), now));
            }
            wakeZone.accept(a.zoneId());
        });
        return agent.map(a -> new CheckedIn(a, heartbeat));
    }

    /** @return the agent and its open sessions, or empty for an unknown token or an agent no longer live */
    public Optional<Beat> heartbeat(String token, Instant now) {
        return ports.agents().heartbeat(AgentTokens.hash(token), now)
                .map(a -> new Beat(a, ports.sessions().listOpenByAgent(a.id())));
    }

    public record Beat(Agent agent, List<Session> sessions) {
    }
}
