package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.testkit.EngineKit;
import org.skyhold.domain.testkit.ZoneSettingsBuilder;

/**
 * A zone followed in memory reads as a full read of it does, whatever was written between two reads, and only
 * the first read, a read under another lease, and the ten-minute safety net read every row.
 */
class LiveAgentCacheTest {
    private static final Capacity SIZE = new Capacity(4, 0, 8192);
    private final EngineKit kit = EngineKit.start();
    private final Zone zone = kit.zone(ZoneSettingsBuilder.zone("z").build());
    private final Zone other = kit.zone(ZoneSettingsBuilder.zone("other").build());
    private final Image image = kit.image("desk", new Capacity(1, 0, 1024));
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final LiveAgentCache cache = new LiveAgentCache(counting(kit.db.agents));

    @Test
    void aFollowedZoneReadsAsAFullReadAfterEveryKindOfWrite() {
        Random random = new Random(19);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            kit.staticAgent(zone, "static-" + i, SIZE);
        }
        for (int step = 0; step < 400; step++) {
            List<Agent> live = kit.db.agents.listByZone(zone.id(), AgentState.LIVE);
            Agent someone = live.isEmpty() ? null : live.get(random.nextInt(live.size()));
            switch (random.nextInt(7)) {
                case 0 -> kit.staticAgent(random.nextBoolean() ? zone : other, "a-" + step, SIZE);
                case 1 -> {
                    if (someone != null) {
                        String id = UUID.randomUUID().toString();
                        if (kit.db.sessions.place(session(id, someone), SIZE)) {
                            open.add(id);
                        }
                    }
                }
                case 2 -> {
                    if (!open.isEmpty()) {
                        kit.db.sessions.end(open.remove(random.nextInt(open.size())), kit.clock.now());
                    }
                }
                case 3 -> {
                    if (someone != null) { // leaves the live states, or comes and goes between two of them
                        AgentState next = List.of(AgentState.DESTROYED, AgentState.DRAINING, AgentState.RUNNING,
                                AgentState.MISSING).get(random.nextInt(4));
                        kit.db.agents.update(someone.withState(next, kit.clock.now()));
                    }
                }
                case 4 -> kit.clock.advanceSeconds(1 + random.nextInt(5));
                default -> { } // nothing written: the next read finds no change
            }
            if (random.nextInt(3) == 0) {
                assertSameAsAFullRead("after step " + step);
            }
        }
        assertSameAsAFullRead("at the end");
        assertThat(calls.get("liveWithLoadsMarked")).as("full reads").isEqualTo(1);
    }

    @Test
    void onlyTheFirstReadAnotherLeaseAndTheSafetyNetReadTheZoneInFull() {
        Agent a = kit.staticAgent(zone, "a", SIZE);
        Object lease = new LeaseGuard.Fence("m1", 1);
        Instant t0 = kit.clock.now();

        cache.read(zone.id(), lease, t0);
        cache.read(zone.id(), new LeaseGuard.Fence("m1", 1), t0.plusSeconds(2));
        kit.db.sessions.place(session("s-1", a), SIZE);
        assertThat(cache.read(zone.id(), lease, t0.plusSeconds(4)).loads()).singleElement()
                .satisfies(l -> assertThat(l.sessions()).isEqualTo(1));
        assertThat(calls).containsEntry("liveWithLoadsMarked", 1).containsEntry("changedSince", 2);

        cache.read(zone.id(), new LeaseGuard.Fence("m1", 2), t0.plusSeconds(6)); // the lease was taken again
        cache.read(zone.id(), new LeaseGuard.Fence("m1", 2), t0.plusSeconds(6).plus(LiveAgentCache.FULL_READ_EVERY));
        assertThat(calls).containsEntry("liveWithLoadsMarked", 3).containsEntry("changedSince", 2);

        cache.forget(zone.id());
        cache.read(zone.id(), new LeaseGuard.Fence("m1", 2), t0.plusSeconds(6).plus(LiveAgentCache.FULL_READ_EVERY));
        assertThat(calls).containsEntry("liveWithLoadsMarked", 4);
    }

    @Test
    void aZoneNotReadForTheSafetyNetPeriodIsLetGo() {
        kit.staticAgent(zone, "a", SIZE);
        Instant t0 = kit.clock.now();
        cache.read(zone.id(), null, t0);
        cache.read(other.id(), null, t0.plus(LiveAgentCache.FULL_READ_EVERY).minus(Duration.ofSeconds(1)));
        cache.read(other.id(), null, t0.plus(LiveAgentCache.FULL_READ_EVERY));
        assertThat(calls).containsEntry("liveWithLoadsMarked", 2).containsEntry("changedSince", 1);

        cache.read(zone.id(), null, t0.plus(LiveAgentCache.FULL_READ_EVERY).plusSeconds(1));
        assertThat(calls).containsEntry("liveWithLoadsMarked", 3);
    }

    private void assertSameAsAFullRead(String when) {
        AgentRepository.LiveAgents full = kit.db.agents.liveWithLoads(zone.id());
        AgentRepository.LiveAgents followed = cache.read(zone.id(), null, kit.clock.now());
        assertThat(followed.agents()).as(when).containsExactlyElementsOf(full.agents());
        assertThat(followed.loads()).as(when).containsExactlyElementsOf(full.loads());
    }

    private Session session(String id, Agent agent) {
        return new Session(id, zone.id(), image.id(), agent.id(), SessionKind.USER, SessionState.ACTIVE, "ann",
                image.reservation(), kit.clock.now(), kit.clock.now(), null, null);
    }

    /** The repository, counting the calls of each method by name. */
    private AgentRepository counting(AgentRepository agents) {
        return (AgentRepository) Proxy.newProxyInstance(AgentRepository.class.getClassLoader(),
                new Class<?>[] {AgentRepository.class}, (proxy, method, args) -> {
                    calls.merge(method.getName(), 1, Integer::sum);
                    try {
                        return method.invoke(agents, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
