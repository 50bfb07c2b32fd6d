package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.CIPHER;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Event;
import org.skyhold.persistence.TestDatabase;

class JdbiEventRepositoryTest {
    private final JdbiEventRepository events = new JdbiEventRepository(Fixtures.jdbi());
    private long zoneA;
    private long zoneB;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneA = Fixtures.zone("a");
        zoneB = Fixtures.zone("b");
    }

    @Test
    void anEventRoundTripsEveryFieldAndGetsAnId() {
        Event event = new Event(0, T0, zoneA, "agent-1", "scale_up", "ann", "2 cores short", "{\"short\": 2}");

        Event stored = events.append(event);

        assertThat(stored.id()).isPositive();
        assertThat(stored).isEqualTo(new Event(stored.id(), T0, zoneA, "agent-1", "scale_up", "ann",
                "2 cores short", "{\"short\": 2}"));
        assertThat(events.list(null, null, null, null, 10)).containsExactly(stored);
    }

    @Test
    void anEventWithoutZoneAgentActorOrDataReadsBackNullsAndDefaults() {
        Event stored = events.append(new Event(0, T0, null, null, "startup", null, "started", null));

        assertThat(stored.zoneId()).isNull();
        assertThat(stored.agentId()).isNull();
        assertThat(stored.actor()).isEqualTo("system");
        assertThat(stored.dataJson()).isEqualTo("{}");
    }

    @Test
    void eventsAreListedNewestFirstUpToTheLimit() {
        Event first = events.append(Event.of(T0, zoneA, null, "a", "system", "first"));
        Event second = events.append(Event.of(T0.plusSeconds(1), zoneA, null, "a", "system", "second"));
        Event third = events.append(Event.of(T0.plusSeconds(2), zoneA, null, "a", "system", "third"));

        assertThat(events.list(null, null, null, null, 10)).containsExactly(third, second, first);
        assertThat(events.list(null, null, null, null, 2)).containsExactly(third, second);
        assertThat(events.list(null, null, null, null, 0)).isEmpty();
    }

    @Test
    void eventsAreFilteredByZoneAgentAndKindTogether() {
        Event aUp = events.append(Event.of(T0, zoneA, "agent-1", "scale_up", "system", "x"));
        Event aDown = events.append(Event.of(T0.plusSeconds(1), zoneA, "agent-2", "scale_down", "system", "x"));
        Event bUp = events.append(Event.of(T0.plusSeconds(2), zoneB, "agent-1", "scale_up", "system", "x"));
        Event global = events.append(Event.of(T0.plusSeconds(3), null, null, "settings", "ann", "x"));

        assertThat(events.list(zoneA, null, null, null, 10)).containsExactly(aDown, aUp);
        assertThat(events.list(null, "agent-1", null, null, 10)).containsExactly(bUp, aUp);
        assertThat(events.list(null, null, "scale_up", null, 10)).containsExactly(bUp, aUp);
        assertThat(events.list(zoneA, "agent-1", "scale_up", null, 10)).containsExactly(aUp);
        assertThat(events.list(zoneB, null, "scale_down", null, 10)).isEmpty();
        assertThat(events.list(null, null, "settings", null, 10)).containsExactly(global);
    }

    @Test
    void pagingByTheLastIdSeenWalksEveryEventOnce() {
        for (int i = 0; i < 7; i++) {
            events.append(Event.of(T0.plusSeconds(i), i % 2 == 0 ? zoneA : zoneB, null, "tick", "system", "n" + i));
        }

        List<String> seen = new ArrayList<>();
        Long before = null;
        while (true) {
            List<Event> page = events.list(null, null, null, before, 3);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(e -> seen.add(e.reason()));
            before = page.get(page.size() - 1).id();
        }

        assertThat(seen).containsExactly("n6", "n5", "n4", "n3", "n2", "n1", "n0");
        Long lastOfZoneA = events.list(zoneA, null, null, null, 1).get(0).id();
        assertThat(events.list(zoneA, null, null, lastOfZoneA, 10)).extracting(Event::reason)
                .containsExactly("n4", "n2", "n0");
    }

    /**
     * Ids follow inserts and times the deciding manager's clock, so an event may get a larger id but an earlier
     * time than one stored before it. Paging follows the order shown, not the ids.
     */
    @Test
    void pagingFollowsTheListedOrderWhereIdsAndTimesDisagree() {
        events.append(Event.of(T0.plusSeconds(10), zoneA, null, "tick", "system", "late clock"));
        events.append(Event.of(T0.plusSeconds(20), zoneA, null, "tick", "system", "newest"));
        events.append(Event.of(T0, zoneA, null, "tick", "system", "early clock"));
        events.append(Event.of(T0.plusSeconds(15), zoneA, null, "tick", "system", "between"));

        List<Event> first = events.list(null, null, null, null, 2);
        List<Event> second = events.list(null, null, null, first.get(1).id(), 2);

        assertThat(first).extracting(Event::reason).containsExactly("newest", "between");
        assertThat(second).extracting(Event::reason).containsExactly("late clock", "early clock");
        assertThat(events.list(null, null, null, second.get(1).id(), 2)).isEmpty();
    }

    @Test
    void pagingAfterAnEventThatIsNotStoredListsTheEventsWithSmallerIds() {
        Event first = events.append(Event.of(T0, zoneA, null, "tick", "system", "first"));
        Event second = events.append(Event.of(T0.plusSeconds(1), zoneA, null, "tick", "system", "second"));

        assertThat(events.list(null, null, null, second.id() + 100, 10)).containsExactly(second, first);
        assertThat(events.list(null, null, null, second.id(), 10)).containsExactly(first);
    }

    @Test
    void deletingAZoneKeepsItsEventsWithoutTheZone() {
        Event event = events.append(Event.of(T0, zoneA, null, "scale_up", "system", "x"));

        new JdbiZoneRepository(Fixtures.jdbi(), CIPHER).delete(zoneA);

        assertThat(events.list(null, null, null, null, 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.id()).isEqualTo(event.id());
                    assertThat(e.zoneId()).isNull();
                });
    }

    @Test
    void theKindsAreEachKindStoredOnceInOrder() {
        assertThat(events.kinds()).as("an empty log has no kinds").isEmpty();
        events.append(Event.of(T0, zoneA, null, "zone.updated", "ann", "x"));
        events.append(Event.of(T0.plusSeconds(1), zoneA, "agent-1", "agent.created", "system", "x"));
        events.append(Event.of(T0.plusSeconds(2), zoneB, null, "zone.updated", "ann", "x"));
        events.append(Event.of(T0.plusSeconds(3), null, null, "api_key.created", "ann", "x"));

        assertThat(events.kinds()).containsExactly("agent.created", "api_key.created", "zone.updated");
    }

    /**
     * The log may hold millions of rows, so the events page's two kind queries must be index reads. With
     * sequential scans priced out, a plan that still scans the table means no index can serve the query.
     */
    @Test
    void theKindQueriesOfTheEventsPageReadTheKindIndexNotTheWholeLog() {
        Fixtures.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO events (at, zone_id, kind, reason)
                    SELECT now() - make_interval(secs => n), NULL, 'kind-' || (n % 40), 'n' || n
                      FROM generate_series(1, 20000) AS n""");
            h.execute("ANALYZE events");
        });

        String kinds = plan(JdbiEventRepository.KINDS_SQL, Map.of());
        String ofOneKind = plan(JdbiEventRepository.listSql(null, null, "kind-7", null, false),
                Map.of("kind", "kind-7", "limit", 51));
        Event middle = events.list(null, null, "kind-7", null, 100).get(99);
        String olderOfOneKind = plan(JdbiEventRepository.listSql(null, null, "kind-7", middle.id(), true),
                Map.of("kind", "kind-7", "limit", 51, "beforeId", middle.id(), "beforeAt", middle.at()));
        String olderOfAll = plan(JdbiEventRepository.listSql(null, null, null, middle.id(), true),
                Map.of("limit", 51, "beforeId", middle.id(), "beforeAt", middle.at()));

        assertThat(kinds).contains("events_kind_at").doesNotContain("Seq Scan");
        assertThat(ofOneKind).contains("events_kind_at").doesNotContain("Seq Scan").doesNotContain("Sort");
        assertThat(olderOfOneKind).contains("events_kind_at").doesNotContain("Seq Scan").doesNotContain("Sort");
        assertThat(olderOfAll).contains("events_at").doesNotContain("Seq Scan").doesNotContain("Sort");
        assertThat(events.kinds()).hasSize(40).startsWith("kind-0", "kind-1", "kind-10");
        assertThat(events.list(null, null, "kind-7", null, 3)).extracting(Event::reason)
                .containsExactly("n7", "n47", "n87");
    }

    @Test
    void anAgentsLifecycleBeginsWithItsCreationHoweverManyOtherEventsFollow() {
        events.append(Event.of(T0, zoneA, "agent-1", "agent.created", "system", "ordered"));
        for (int i = 1; i <= 300; i++) {
            events.append(Event.of(T0.plusSeconds(i), zoneA, "agent-1", "session.placed", "system", "session " + i));
        }
        events.append(Event.of(T0.plusSeconds(400), zoneA, "agent-1", "agent.running", "system", "checked in"));
        events.append(Event.of(T0.plusSeconds(500), zoneA, "agent-1", "agent.draining", "system", "drained"));
        events.append(Event.of(T0.plusSeconds(1), zoneA, "agent-2", "agent.created", "system", "another agent"));

        assertThat(events.lifecycle("agent-1", 10)).extracting(Event::kind)
                .containsExactly("agent.created", "agent.running", "agent.draining");
        assertThat(events.lifecycle("agent-1", 2)).extracting(Event::kind)
                .containsExactly("agent.created", "agent.running");
        assertThat(events.lifecycle("agent-3", 10)).isEmpty();
        assertThat(plan(JdbiEventRepository.LIFECYCLE_SQL, Map.of("agentId", "agent-1", "limit", 11)))
                .contains("events_agent_lifecycle").doesNotContain("Seq Scan");
    }

    /** The query's plan as PostgreSQL's EXPLAIN prints it, with sequential scans switched off for this one query. */
    private static String plan(String sql, Map<String, Object> binds) {
        return Fixtures.jdbi().inTransaction(h -> {
            h.execute("SET LOCAL enable_seqscan = off");
            return String.join("\n", h.createQuery("EXPLAIN " + sql).bindMap(binds).mapTo(String.class).list());
        });
    }
}
