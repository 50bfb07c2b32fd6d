package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.skyhold.domain.engine.DnsRegistrar;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.DnsStatus;
import org.skyhold.domain.model.OwnedDnsRecord;
import org.skyhold.domain.port.DnsRecordRepository;

/**
 * {@link DnsRecordRepository} in memory: the {@code dns_records} rows, and the agents' {@code dns_*} columns kept
 * beside the agent rows of {@link InMemoryAgentRepository} (read under the database's one lock, as the statements
 * join them). A deleted agent's rows would go with it; agents are never deleted in the kit.
 */
public final class InMemoryDnsRecordRepository implements DnsRecordRepository {
    private static final EnumSet<AgentState> ENDED = EnumSet.of(AgentState.DESTROYED, AgentState.FAILED);

    /** One agent's registration outcome: its {@code dns_*} columns. */
    private static final class Outcome {
        boolean registered;
        String value;
        String error;
        Instant errorAt;
    }

    private final InMemoryDatabase db;
    private final Map<Long, OwnedDnsRecord> rows = new LinkedHashMap<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();

    InMemoryDnsRecordRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public OwnedDnsRecord intend(long dnsProviderId, String dnsZone, String name, String value, String agentId,
                                 Instant at) {
        synchronized (db.lock) {
            Optional<OwnedDnsRecord> same = rows.values().stream()
                    .filter(r -> r.dnsProviderId() == dnsProviderId && r.name().equals(name)).findFirst();
            long id = same.map(OwnedDnsRecord::id).orElseGet(db::nextId);
            OwnedDnsRecord row = new OwnedDnsRecord(id, dnsProviderId, dnsZone, name, value, agentId, at);
            rows.put(id, row);
            return row;
        }
    }

    @Override
    public void registered(String agentId, String value) {
        synchronized (db.lock) {
            Outcome o = outcome(agentId);
            o.registered = true;
            o.value = value;
            o.error = null;
            o.errorAt = null;
        }
    }

    @Override
    public boolean failed(String agentId, String error, Instant at) {
        synchronized (db.lock) {
            if (db.agents.find(agentId).isEmpty()) {
                return false;
            }
            Outcome o = outcome(agentId);
            boolean changed = o.error == null;
            o.registered = false;
            o.error = error;
            o.errorAt = at;
            return changed;
        }
    }

    @Override
    public void cleared(String agentId) {
        synchronized (db.lock) {
            rows.values().removeIf(r -> r.agentId().equals(agentId));
            outcomes.remove(agentId);
        }
    }

    @Override
    public List<OwnedDnsRecord> ofAgent(String agentId) {
        synchronized (db.lock) {
            return rows.values().stream().filter(r -> r.agentId().equals(agentId)).toList();
        }
    }

    @Override
    public void forget(long id) {
        synchronized (db.lock) {
            rows.remove(id);
        }
    }

    @Override
    public List<OwnedDnsRecord> ofEndedAgents(long zoneId, Instant writtenBefore) {
        synchronized (db.lock) {
            return rows.values().stream().filter(r -> !r.updatedAt().isAfter(writtenBefore))
                    .filter(r -> db.agents.find(r.agentId())
                            .filter(a -> a.zoneId() == zoneId && ENDED.contains(a.state())).isPresent())
                    .toList();
        }
    }

    @Override
    public List<String> endedWithoutRows(long zoneId, Collection<String> agentIds) {
        synchronized (db.lock) {
            List<String> out = new ArrayList<>();
            for (String id : agentIds) {
                Optional<Agent> a = db.agents.find(id);
                if (a.isPresent() && a.get().zoneId() == zoneId && ENDED.contains(a.get().state())
                        && rows.values().stream().noneMatch(r -> r.agentId().equals(id))) {
                    out.add(id);
                }
            }
            out.sort(Comparator.naturalOrder());
            return out;
        }
    }

    @Override
    public List<String> needingRegistration(long zoneId) {
        synchronized (db.lock) {
            return db.agents.listByZone(zoneId, NAMED_STATES).stream()
                    .filter(a -> a.autoscaled() && DnsRegistrar.addressOf(a) != null)
                    .filter(a -> {
                        Outcome o = outcomes.get(a.id());
                        return o == null || !o.registered || !Objects.equals(o.value, DnsRegistrar.addressOf(a));
                    })
                    .map(Agent::id).toList();
        }
    }

    @Override
    public DnsFailures failing(long zoneId) {
        synchronized (db.lock) {
            List<Map.Entry<String, Outcome>> failing = outcomes.entrySet().stream()
                    .filter(e -> e.getValue().error != null)
                    .filter(e -> db.agents.find(e.getKey())
                            .filter(a -> a.zoneId() == zoneId && NAMED_STATES.contains(a.state())).isPresent())
                    .sorted(Comparator.comparing((Map.Entry<String, Outcome> e) -> e.getValue().errorAt).reversed())
                    .toList();
            if (failing.isEmpty()) {
                return DnsFailures.NONE;
            }
            Outcome newest = failing.get(0).getValue();
            return new DnsFailures(failing.size(), newest.error, newest.errorAt);
        }
    }

    /** Whether the agent's record is registered (its {@code dns_registered} column). */
    public boolean isRegistered(String agentId) {
        synchronized (db.lock) {
            Outcome o = outcomes.get(agentId);
            return o != null && o.registered;
        }
    }

    /** The agent's last DNS error (its {@code dns_error} column), or null. */
    public String errorOf(String agentId) {
        synchronized (db.lock) {
            Outcome o = outcomes.get(agentId);
            return o == null ? null : o.error;
        }
    }

    private Outcome outcome(String agentId) {
        return outcomes.computeIfAbsent(agentId, id -> new Outcome());
    }

    @Override
    public Map<String, DnsStatus> statusOf(Collection<String> agentIds) {
        synchronized (db.lock) {
            Map<String, DnsStatus> out = new HashMap<>();
            for (String id : agentIds) {
                if (db.agents.find(id).isPresent()) {
                    Outcome o = outcomes.get(id);
                    out.put(id, o == null ? DnsStatus.NONE : new DnsStatus(o.registered, o.value, o.error, o.errorAt));
                }
            }
            return out;
        }
    }
}
