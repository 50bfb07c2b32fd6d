package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.LostAnswers;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.script.StartupScript;

/**
 * Creates agents by the provisioning protocol of DESIGN.md §4: the {@code pending} rows first (inside the
 * transaction that enforces max instances), then the cloud call with the agent's tags and an idempotency key on
 * the {@link Actuator} (never on the zone's loop), then {@code starting} with the instance id, and the DNS name
 * once an IP is known. A create whose answer is lost (a timeout, a reset: {@link LostAnswers}) leaves the agent
 * {@code pending}, and later passes ask again with the same spec, so the same idempotency key, until the cloud
 * answers or the provision timeout ends ({@link #retry}); the cloud may have made the VM, so the agent is neither
 * failed nor replaced by a second order meanwhile.
 */
public final class Provisioner {
    /** Where agents check in, under the public URL. */
    public static final String CHECKIN_PATH = "/api/v1/agent/checkin";

    /** The first pause before a lost create is asked again; it doubles per attempt, up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final EnginePorts ports;
    private final DnsRegistrar dns;
    private final Actuator actuator;
    /** Creates whose answer was lost, by agent id: what to ask again, in this process (a new one adopts by tag). */
    private final Map<String, Unanswered> unanswered = new ConcurrentHashMap<>();

    /** A create to ask again: the same spec (so the same key, user data and check-in token) and when. */
    private record Unanswered(VmSpec spec, String reason, int attempts, Instant nextAt) {
    }

    public Provisioner(EnginePorts ports, DnsRegistrar dns, Actuator actuator) {
        this.ports = ports;
        this.dns = dns;
        this.actuator = actuator;
    }

    /**
     * Writes up to {@code count} {@code pending} rows under the provider's cap in one transaction (in this thread:
     * quick database work, one commit for a burst) and orders their VMs on the actuator, returning at once. Each
     * create's completion writes {@code starting} with the instance id, or {@code failed} with the provider's
     * backoff (and wakes the zone so the next provider takes over), fenced by the lease the order was made under;
     * a lost answer leaves the agent {@code pending} for {@link #retry}.
     *
     * @return how many agents were ordered; fewer than {@code count} when the provider reached its cap
     */
    public int order(Zone zone, VmProviderConfig provider, int count, String reason, Instant now, LeaseGuard lease) {
        lease.check();
        List<Agent> rows = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = AgentTokens.newAgentId();
            rows.add(new Agent(id, zone.id(), provider.id(), true, "skyhold-" + id, AgentState.PENDING, null, null,
                    null, null, null, Capacity.ZERO, now, now, null, null, null, null));
            tokens.add(AgentTokens.newToken());
        }
        int stored = ports.agents().insertAllUnderCap(rows, provider.settings().maxInstances(),
                tokens.stream().map(AgentTokens::hash).toList());
        if (stored < count) {
            ports.events().record(now, zone.id(), null, "provider.at_cap", provider.name() + " is at its cap of "
                    + provider.settings().maxInstances() + "; " + (stored == 0 ? "no agent" : "only " + stored
                    + " of " + count + " agents") + " created");
        }
        if (stored > 0) {
            ports.zones().recordScaleUp(zone.id(), now);
            ports.failpoints().hit(Failpoints.CREATE_AFTER_PENDING_ROW);
        }
        String checkinUrl = ports.publicUrl().get() + CHECKIN_PATH;
        StartupScript script = StartupScript.parse(provider.settings().startupScript());
        for (int i = 0; i < stored; i++) {
            Agent pending = rows.get(i);
            String userData = script.render(ScriptValues.of(zone, provider, pending.id(), pending.name(), checkinUrl,
                    tokens.get(i)));
            VmSpec spec = new VmSpec(pending.id(), pending.name(), userData, VmSpec.tags(ports.installationId(),
                    zone.id(), pending.id()), "skyhold-" + pending.id(), checkinUrl, tokens.get(i));
            submit(zone, provider, pending, spec, reason, false, now, lease);
        }
        return stored;
    }

    private void submit(Zone zone, VmProviderConfig provider, Agent pending, VmSpec spec, String reason, boolean again,
                        Instant now, LeaseGuard lease) {
        actuator.submit(provider.id(), provider.settings().maxConcurrentCalls(), "create " + pending.id(),
                ThrottleEvents.recorded(ports, zone.id(), pending.id(), "the create of agent " + pending.id() + " on "
                        + provider.name(), now, () -> again ? ports.factory().vm(provider).retryCreate(spec)
                        : ports.factory().vm(provider).create(spec)),
                (instance, error, at) -> {
                    if (error != null && LostAnswers.isLost(error)) {
                        unanswered(zone, provider, pending, spec, reason, error, at);
                    } else if (error != null) {
                        unanswered.remove(pending.id());
                        failed(zone, provider, pending, error, at, lease);
                    } else {
                        ports.failpoints().hit(Failpoints.CREATE_AFTER_CLOUD_ACCEPTED);
                        unanswered.remove(pending.id());
                        created(zone, provider, pending, instance, reason, at, lease);
                    }
                });
    }

    /**
     * Whether the agent's create lost its answer and waits to be asked again by {@link #retry} (in this process;
     * after a restart the agent is resolved from the cloud's tags instead).
     */
    public boolean awaitingAnswer(String agentId) {
        return unanswered.containsKey(agentId);
    }

    /**
     * Asks the cloud again, on the actuator, for the VM of a create whose answer was lost, with the same spec and
     * so the same idempotency key, once its pause has passed (2 s doubling to a minute); a no-op when the agent
     * has no such create or its call is under way. The completion writes {@code starting}, or {@code failed} on a
     * refusal, or waits for the next pass when the answer is lost again.
     */
    public void retry(Zone zone, VmProviderConfig provider, Agent pending, Instant now, LeaseGuard lease) {
        Unanswered u = unanswered.get(pending.id());
        if (u == null || now.isBefore(u.nextAt()) || ordering(pending.id())) {
            return;
        }
        lease.check();
        submit(zone, provider, pending, u.spec(), u.reason(), true, now, lease);
    }

    /** Stops asking again for the agent's create (its provision timeout ended; recovery resolves it by tag). */
    public void forget(String agentId) {
        unanswered.remove(agentId);
    }

    private void unanswered(Zone zone, VmProviderConfig provider, Agent pending, VmSpec spec, String reason,
                            ProviderException e, Instant now) {
        Unanswered before = unanswered.get(pending.id());
        int attempts = before == null ? 1 : before.attempts() + 1;
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(10, attempts - 1));
        unanswered.put(pending.id(), new Unanswered(spec, reason, attempts,
                now.plus(pause.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause)));
        if (before == null) {
            // one event for the loss; the retries that follow are quiet until one gets an answer
            ports.events().record(now, zone.id(), pending.id(), "agent.create_unanswered", "the answer to the create"
                    + " of agent " + pending.id() + " on " + provider.name() + " was lost (" + e.getMessage()
                    + "); the cloud may have made the VM, so the create is asked again with the same idempotency"
                    + " key until it answers or the provision timeout ends");
        }
    }

    /** The actuator this provisioner orders on, for the engine's other cloud work off the pass (sweeps). */
    Actuator actuator() {
        return actuator;
    }

    /** Whether the agent's create is still queued or in flight on the actuator. */
    public boolean ordering(String agentId) {
        return actuator.busy("create " + agentId);
    }

    private void created(Zone zone, VmProviderConfig provider, Agent pending, VmInstance instance, String reason,
                         Instant now, LeaseGuard lease) {
        String id = pending.id();
        Agent starting = new Agent(id, zone.id(), provider.id(), true, pending.name(), AgentState.STARTING,
                instance.instanceId(), null, instance.publicIp(), instance.privateIp(), null, Capacity.ZERO,
                pending.createdAt(), now, null, null, null, null);
        if (!fenced(starting, EnumSet.of(AgentState.PENDING), lease)) {
            // a fast agent checked in before we got here: keep its state, add what the cloud told us
            Optional<Agent> current = ports.agents().find(id);
            if (current.isEmpty() || current.get().state() == AgentState.PENDING
                    || !fenced(withInstance(current.get(), instance), EnumSet.of(current.get().state()), lease)) {
                // still pending means the lease changed hands: the new holder adopts the tagged instance
                ports.events().record(now, zone.id(), id, "agent.orphaned", "instance " + instance.instanceId()
                        + " of agent " + id + " was created after this manager lost the zone's lease; the zone's"
                        + " new manager adopts it from the cloud's tags");
                return;
            }
        }
        ports.failpoints().hit(Failpoints.CREATE_AFTER_INSTANCE_ID_RECORDED);
        // the health the pass saw: a provider that failed since is cleared by its next success, one query saved
        if (provider.health().level() > 0) {
            ports.vmProviders().updateHealth(provider.id(), ProviderHealth.HEALTHY);
        }
        ports.events().record(now, zone.id(), id, "agent.created", "created agent " + id + " on " + provider.name()
                + " (instance " + instance.instanceId() + ") because " + reason);
        if (instance.publicIp() != null || instance.privateIp() != null) {
            registerDns(zone, starting, now);
        }
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

    private void failed(Zone zone, VmProviderConfig provider, Agent pending, ProviderException e, Instant now,
                        LeaseGuard lease) {
        Agent failed = new Agent(pending.id(), zone.id(), provider.id(), true, pending.name(), AgentState.FAILED,
                null, null, null, null, null, Capacity.ZERO, pending.createdAt(), now, null, null, null,
                e.errorClass().wireName() + ": " + e.getMessage());
        // the backoff first: a pass that reads between the two writes then sees the provider resting and the
        // pending row still on its way, never a provider that looks healthy with no agent ordered from it
        ProviderHealth before = ports.vmProviders().find(provider.id()).map(VmProviderConfig::health)
                .orElse(provider.health());
        ProviderHealth health = ProviderBackoff.afterFailure(before, e, now);
        ports.vmProviders().updateHealth(provider.id(), health);
        if (!fenced(failed, EnumSet.of(AgentState.PENDING), lease)) {
            return; // the lease changed hands: the new holder resolves the pending row from the cloud's tags
        }
        ports.metrics().providerError(provider.name(), e.errorClass());
        ports.events().record(now, zone.id(), pending.id(), "provider.error", provider.name() + " refused to create "
                + "agent " + pending.id() + " (" + e.errorClass().wireName() + "): " + e.getMessage()
                + "; it rests until " + health.backoffUntil()
                + (ProviderBackoff.waitsForSettings(e.errorClass()) ? " or until its settings change" : ""));
        actuator.wake(zone.id());
    }

    /** Writes a cloud call's result only while the agent is in {@code from} and the lease is still held. */
    boolean fenced(Agent agent, Set<AgentState> from, LeaseGuard lease) {
        LeaseGuard.Fence fence = lease.fence();
        return fence == null ? ports.agents().updateIf(agent, from)
                : ports.agents().updateIfLeased(agent, from, fence.managerId(), fence.epoch());
    }

    private static Agent withInstance(Agent a, VmInstance vm) {
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(),
                vm.instanceId(), a.address(), vm.publicIp() != null ? vm.publicIp() : a.publicIp(),
                a.privateIp() != null ? a.privateIp() : vm.privateIp(), a.dnsName(), a.capacity(), a.createdAt(),
                a.stateChangedAt(), a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), null);
    }

    static Agent withDns(Agent a, String dnsName) {
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(), a.instanceId(),
                a.address(), a.publicIp(), a.privateIp(), dnsName, a.capacity(), a.createdAt(), a.stateChangedAt(),
                a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
    }
}
