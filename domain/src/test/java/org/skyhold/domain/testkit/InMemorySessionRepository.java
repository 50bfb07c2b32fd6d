package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.SessionRepository;

/**
 * {@link SessionRepository} in memory. A placement and an end change the agent's load columns in
 * {@link InMemoryAgentRepository} under the database's one lock, as the Postgres statements change the agent's row
 * in the statement that writes the session; a placement is refused unless the agent is running and keeps within
 * the limit in every dimension.
 */
public final class InMemorySessionRepository implements SessionRepository {
    private static final Comparator<Session> OLDEST_FIRST = Comparator.comparing(Session::createdAt)
            .thenComparing(Session::id);

    private final InMemoryDatabase db;
    private final Map<String, Session> rows = new LinkedHashMap<>();

    InMemorySessionRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public boolean place(Session s, Capacity limit) {
        synchronized (db.lock) {
            InMemoryAgentRepository.Row agent = db.agents.row(s.agentId());
            if (agent == null || agent.agent.state() != AgentState.RUNNING
                    || !limit.covers(agent.reserved.plus(s.reservation()))) {
                return false;
            }
            if (rows.containsKey(s.id())) {
                throw new DuplicateNameException("id", "a session with id \"" + s.id() + "\" already exists");
            }
            agent.reserved = agent.reserved.plus(s.reservation());
            agent.sessions++;
            agent.idleSince = null;
            db.agents.touch(agent);
            rows.put(s.id(), s.createdAt() != null ? s : with(s, s.state(), s.userName(), s.claimedAt(), null,
                    db.clock.instant()));
            return true;
        }
    }

    /** The zone, images and candidates as the Postgres reads see them, under the database's one lock. */
    @Override
    public PlacementView placementView(long zoneId, Set<Long> imageIds, Instant at) {
        synchronized (db.lock) {
            Optional<Zone> zone = db.zones.find(zoneId);
            if (zone.isEmpty()) {
                return PlacementView.NO_ZONE;
            }
            Map<Long, Capacity> images = new LinkedHashMap<>();
            Set<Long> ready = readyStaged(zoneId, at).keySet();
            Set<Long> staged = new HashSet<>();
            for (long id : imageIds) {
                db.images.find(id).ifPresent(image -> {
                    images.put(id, image.reservation());
                    if (ready.contains(id)) {
                        staged.add(id);
                    }
                });
            }
            ZoneSettings z = zone.get().settings();
            return new PlacementView(true, z.prioritizeStaticAgents(),
                    z.loadBalanceStrategy() == LoadBalanceStrategy.MOST_LOADED, images, staged,
                    db.agents.candidates(zoneId, z));
        }
    }

    /** Agent by agent as the Postgres statement does it: all of an agent's sessions, or none of them. */
    @Override
    public List<PlacedAgent> placeAll(List<Session> sessions, Map<String, Capacity> limits) {
        synchronized (db.lock) {
            Map<String, List<Session>> byAgent = new TreeMap<>();
            for (Session s : sessions) {
                if (rows.containsKey(s.id())) {
                    throw new DuplicateNameException("id", "a session id of the batch already exists");
                }
                byAgent.computeIfAbsent(s.agentId(), a -> new ArrayList<>()).add(s);
            }
            List<PlacedAgent> placed = new ArrayList<>();
            byAgent.forEach((agentId, mine) -> {
                InMemoryAgentRepository.Row agent = db.agents.row(agentId);
                Capacity sum = mine.stream().map(Session::reservation).reduce(Capacity.ZERO, Capacity::plus);
                if (agent == null || agent.agent.state() != AgentState.RUNNING
                        || !limits.get(agentId).covers(agent.reserved.plus(sum))) {
                    return;
                }
                mine.forEach(s -> place(s, limits.get(agentId)));
                placed.add(new PlacedAgent(agentId, db.agents.row(agentId).agent.reachableAddress()));
            });
            return placed;
        }
    }

    @Override
    public Optional<Session> claimStaged(long zoneId, long imageId, String userName, Instant at) {
        synchronized (db.lock) {
            Optional<Session> oldest = rows.values().stream()
                    .filter(s -> s.zoneId() == zoneId && Long.valueOf(imageId).equals(s.imageId())
                            && s.state() == SessionState.STAGED && unexpired(s, at) && onRunningAgent(s))
                    .min(OLDEST_FIRST);
            return oldest.map(s -> {
                Session claimed = with(s, SessionState.ACTIVE, userName, at, s.endedAt(), s.createdAt());
                rows.put(s.id(), claimed);
                return claimed;
            });
        }
    }

    @Override
    public Map<Long, Integer> readyStaged(long zoneId, Instant at) {
        synchronized (db.lock) {
            Map<Long, Integer> counts = new HashMap<>();
            rows.values().stream().filter(s -> s.zoneId() == zoneId && s.state() == SessionState.STAGED
                    && s.imageId() != null && unexpired(s, at) && onRunningAgent(s)).forEach(s -> counts.merge(s.imageId(), 1, Integer::sum));
            return counts;
        }
    }

    @Override
    public List<Session> expiredStaged(long zoneId, Instant at) {
        return select(s -> s.zoneId() == zoneId && s.state() == SessionState.STAGED && s.expiresAt() != null
                && !s.expiresAt().isAfter(at));
    }

    @Override
    public List<Session> stagedOffRunning(long zoneId) {
        return select(s -> s.zoneId() == zoneId && s.state() == SessionState.STAGED && !onRunningAgent(s));
    }

    @Override
    public Optional<Session> find(String id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Override
    public List<Session> listOpenByZone(long zoneId) {
        return select(s -> s.zoneId() == zoneId && s.state() != SessionState.ENDED);
    }

    @Override
    public List<Session> listOpenByAgent(String agentId) {
        List<Session> open = select(s -> agentId.equals(s.agentId()) && s.state() != SessionState.ENDED);
        db.after("sessions.listOpenByAgent");
        return open;
    }

    @Override
    public Map<String, Integer> countOpenByAgent(Collection<String> agentIds) {
        synchronized (db.lock) {
            Map<String, Integer> counts = new HashMap<>();
            rows.values().stream().filter(s -> agentIds.contains(s.agentId()) && s.state() != SessionState.ENDED)
                    .forEach(s -> counts.merge(s.agentId(), 1, Integer::sum));
            return counts;
        }
    }

    @Override
    public boolean end(String id, Instant at) {
        synchronized (db.lock) {
            Session s = rows.get(id);
            if (s == null || s.state() == SessionState.ENDED) {
                return false;
            }
            rows.put(id, with(s, SessionState.ENDED, s.userName(), s.claimedAt(), at, s.createdAt()));
            InMemoryAgentRepository.Row agent = db.agents.row(s.agentId());
            if (agent != null) {
                agent.reserved = agent.reserved.minus(s.reservation());
                agent.idleSince = agent.sessions == 1 ? at : agent.idleSince;
                agent.sessions--;
                db.agents.touch(agent);
            }
            return true;
        }
    }

    /** Every session ever stored (ended ones too), oldest first; for tests that check the whole history. */
    public List<Session> all() {
        return select(s -> true);
    }

    void imageDeleted(long imageId) {
        rows.replaceAll((id, s) -> Long.valueOf(imageId).equals(s.imageId()) ? new Session(s.id(), s.zoneId(), null,
                s.agentId(), s.kind(), s.state(), s.userName(), s.reservation(), s.createdAt(), s.claimedAt(),
                s.expiresAt(), s.endedAt()) : s);
    }

    void deleteZone(long zoneId) {
        rows.values().removeIf(s -> s.zoneId() == zoneId);
    }

    private List<Session> select(Predicate<Session> where) {
        synchronized (db.lock) {
            return rows.values().stream().filter(where).sorted(OLDEST_FIRST).toList();
        }
    }

    /** Call under {@code db.lock}. */
    private boolean onRunningAgent(Session s) {
        InMemoryAgentRepository.Row agent = db.agents.row(s.agentId());
        return agent != null && agent.agent.state() == AgentState.RUNNING;
    }

    private static boolean unexpired(Session s, Instant at) {
        return s.expiresAt() == null || s.expiresAt().isAfter(at);
    }

    private static Session with(Session s, SessionState state, String user, Instant claimedAt, Instant endedAt,
                                Instant createdAt) {
        return new Session(s.id(), s.zoneId(), s.imageId(), s.agentId(), s.kind(), state, user, s.reservation(),
                createdAt, claimedAt, s.expiresAt(), endedAt);
    }
}
