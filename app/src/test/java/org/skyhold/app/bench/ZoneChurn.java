package org.skyhold.app.bench;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.app.Repositories;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;

/**
 * What other threads write into a busy zone between two of its passes, so a pass is measured on a zone that
 * changes as a real one does: the heartbeats of one tick (every agent beats every {@link #HEARTBEAT_SECONDS} s)
 * and a few sessions ended and placed again on the same agents, through the real session repository (placement
 * and end change the agent's load columns). The zone stays in its steady state: every agent stays busy and the
 * free capacity the same, so no pass has anything to do.
 */
final class ZoneChurn {
    static final int HEARTBEAT_SECONDS = 30;
    static final int SESSIONS_PER_TICK = 10;

    private final Jdbi jdbi;
    private final Repositories repos;
    private final BenchData.Zone zone;
    private final Capacity agentSize;
    private final Capacity sessionSize;
    private final Deque<String[]> open = new ArrayDeque<>();
    private int nextBeat;
    private long placed;

    /** @param sessions how many sessions {@link BenchData#zoneAtScale} opened, spread evenly over the agents */
    ZoneChurn(Jdbi jdbi, Repositories repos, BenchData.Zone zone, int sessions, Capacity agentSize,
              Capacity sessionSize) {
        this.jdbi = jdbi;
        this.repos = repos;
        this.zone = zone;
        this.agentSize = agentSize;
        this.sessionSize = sessionSize;
        List<String> agents = zone.agentIds();
        // BenchData's session g is on agent (g - 1) % agents; ids of the agents sort as they were numbered
        for (int g = 1; g <= Math.min(sessions, 10 * SESSIONS_PER_TICK * 200); g++) {
            open.add(new String[] {"z" + zone.zoneId() + "s" + g, agents.get((g - 1) % agents.size())});
        }
    }

    /** One tick's writes, {@code tickSeconds} long, ending at {@code now}; returns the rows it changed. */
    int tick(Instant now, int tickSeconds) {
        List<String> agents = zone.agentIds();
        int beats = agents.size() * tickSeconds / HEARTBEAT_SECONDS;
        String[] beating = new String[beats];
        for (int i = 0; i < beats; i++) {
            beating[i] = agents.get(nextBeat);
            nextBeat = (nextBeat + 1) % agents.size();
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE agents SET last_heartbeat_at = :now WHERE id = ANY(:ids)")
                .bind("now", now).bindArray("ids", String.class, (Object[]) beating).execute());
        for (int i = 0; i < SESSIONS_PER_TICK; i++) {
            String[] s = open.poll();
            if (!repos.sessions().end(s[0], now)) {
                throw new IllegalStateException("session " + s[0] + " was not open");
            }
            String id = "churn" + zone.zoneId() + "-" + placed++;
            Session next = new Session(id, zone.zoneId(), zone.imageId(), s[1], SessionKind.USER, SessionState.ACTIVE,
                    "churn", sessionSize, now, now, null, null);
            if (!repos.sessions().place(next, agentSize)) {
                throw new IllegalStateException("no room for session " + id + " on " + s[1]);
            }
            open.add(new String[] {id, s[1]});
        }
        return beats + 2 * SESSIONS_PER_TICK;
    }
}
