package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.script.StartupScript;

/**
 * Creates one agent by the provisioning protocol of DESIGN.md §4: the {@code pending} row first (inside the
 * transaction that enforces max instances), then the cloud call with the agent's tags and an idempotency key,
 * then {@code starting} with the instance id, and the DNS name once an IP is known.
 */
public final class Provisioner {
    /** Where agents check in, under the public URL. */
    public static final String CHECKIN_PATH = "/api/v1/agent/checkin";

    public enum Outcome { CREATED, AT_CAP, FAILED }

    private final EnginePorts ports;
    private final DnsRegistrar dns;

    public Provisioner(EnginePorts ports, DnsRegistrar dns) {
        this.ports = ports;
        this.dns = dns;
    }

    public Outcome create(Zone zone, VmProviderConfig provider, String reason, Instant now, LeaseGuard lease) {
        lease.check();
        String id = AgentTokens.newAgentId();
        String token = AgentTokens.newToken();
        String hostname = "skyhold-" + id;
        Agent pending = new Agent(id, zone.id(), provider.id(), true, hostname, AgentState.PENDING, null, null, null,
                null, null, Capacity.ZERO, now, now, null, null, null, null);
        if (!ports.agents().insertUnderCap(pending, provider.settings().maxInstances(), AgentTokens.hash(token))) {
            ports.events().record(now, zone.id(), null, "provider.at_cap", provider.name() + " is at its cap of "
                    + provider.settings().maxInstances() + "; no agent created");
            return Outcome.AT_CAP;
        }
        String checkinUrl = ports.publicUrl().get() + CHECKIN_PATH;
        String userData = StartupScript.parse(provider.settings().startupScript()).render(
                ScriptValues.of(zone, provider, id, hostname, checkinUrl, token));
        VmSpec spec = new VmSpec(id, hostname, userData, VmSpec.tags(ports.installationId(), zone.id(), id),
                "skyhold-" + id, checkinUrl, token);
        VmInstance instance;
        try {
            instance = ports.factory().vm(provider).create(spec);
        } catch (ProviderException e) {
            failed(zone, provider, pending, e, now);
            return Outcome.FAILED;
        }
        if (provider.health().level() > 0) {
            ports.vmProviders().updateHealth(provider.id(), ProviderHealth.HEALTHY);
        }
        ports.zones().recordScaleUp(zone.id(), now);
        Agent starting = new Agent(id, zone.id(), provider.id(), true, hostname, AgentState.STARTING,
                instance.instanceId(), null, instance.publicIp(), instance.privateIp(), null, Capacity.ZERO, now, now,
                null, null, null, null);
        if (!ports.agents().updateIf(starting, EnumSet.of(AgentState.PENDING))) {
            // a fast agent checked in before we got here: keep its state, add what the cloud told us
            ports.agents().find(id).ifPresent(current -> ports.agents().updateIf(new Agent(id, zone.id(),
                    provider.id(), true, hostname, current.state(), instance.instanceId(), null, instance.publicIp(),
                    current.privateIp() != null ? current.privateIp() : instance.privateIp(), current.dnsName(),
                    current.capacity(), now, current.stateChangedAt(), current.checkedInAt(), current.lastHeartbeatAt(),
                    null, null), EnumSet.of(current.state())));
        }
        ports.events().record(now, zone.id(), id, "agent.created", "created agent " + id + " on " + provider.name()
                + " (instance " + instance.instanceId() + ") because " + reason);
        registerDns(zone, starting, now);
        return Outcome.CREATED;
    }

    /** Registers the agent's DNS name once the cloud has told its IP; a no-op when already registered. */
    public void registerDns(Zone zone, Agent agent, Instant now) {
        if (agent.dnsName() != null) {
            return;
        }
        Optional<String> name = dns.register(zone.settings(), agent, now);
        name.ifPresent(n -> ports.agents().find(agent.id()).ifPresent(current -> ports.agents().updateIf(
                withDns(current, n), EnumSet.of(current.state()))));
    }

    private void failed(Zone zone, VmProviderConfig provider, Agent pending, ProviderException e, Instant now) {
        Agent failed = new Agent(pending.id(), zone.id(), provider.id(), true, pending.name(), AgentState.FAILED,
                null, null, null, null, null, Capacity.ZERO, pending.createdAt(), now, null, null, null,
                e.errorClass().wireName() + ": " + e.getMessage());
        ports.agents().updateIf(failed, EnumSet.of(AgentState.PENDING));
        ProviderHealth health = ProviderBackoff.afterFailure(provider.health(), e, now);
        ports.vmProviders().updateHealth(provider.id(), health);
        ports.metrics().providerError(provider.name(), e.errorClass());
        ports.events().record(now, zone.id(), pending.id(), "provider.error", provider.name() + " refused to create "
                + "agent " + pending.id() + " (" + e.errorClass().wireName() + "): " + e.getMessage()
                + (ProviderBackoff.waitsForSettings(e.errorClass()) ? "; it rests until its settings change"
                : "; it rests until " + health.backoffUntil()));
    }

    static Agent withDns(Agent a, String dnsName) {
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(), a.instanceId(),
                a.address(), a.publicIp(), a.privateIp(), dnsName, a.capacity(), a.createdAt(), a.stateChangedAt(),
                a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
    }
}
