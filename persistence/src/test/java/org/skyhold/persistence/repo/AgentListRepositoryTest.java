package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.port.AgentRepository.ProviderFilter;
import org.skyhold.persistence.TestDatabase;

/**
 * {@code AgentRepository.listNewest} (the agents page's one query) and the index reads that keep it and
 * {@code countByState} from reading every agent a zone ever had.
 */
class AgentListRepositoryTest {
    private static final Set<AgentState> NOT_DESTROYED = EnumSet.complementOf(EnumSet.of(AgentState.DESTROYED));

    private final JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
    private long zoneA;
    private long zoneB;
    private long providerA;
    private long providerB;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneA = Fixtures.zone("a");
        zoneB = Fixtures.zone("b");
        providerA = provider(zoneA);
        providerB = provider(zoneB);
        agents.insert(Fixtures.agent("static-1", zoneA, AgentState.RUNNING, T0));
        agents.insert(autoscaled("vm-1", zoneA, providerA, AgentState.RUNNING, T0.plusSeconds(1)));
        agents.insert(autoscaled("vm-2", zoneA, providerA, AgentState.DESTROYED, T0.plusSeconds(2)));
        agents.insert(autoscaled("vm-3", zoneA, providerA, AgentState.FAILED, T0.plusSeconds(3)));
        agents.insert(autoscaled("vm-4", zoneB, providerB, AgentState.RUNNING, T0.plusSeconds(4)));
    }

    @Test
    void everyZonesAgentsAreListedNewestFirstAndDestroyedOnesOnlyWhenAsked() {
        assertThat(ids(agents.listNewest(null, ProviderFilter.ANY, null, NOT_DESTROYED, 10)))
                .containsExactly("vm-4", "vm-3", "vm-1", "static-1");
        assertThat(ids(agents.listNewest(null, ProviderFilter.ANY, null, Set.of(), 10)))
                .containsExactly("vm-4", "vm-3", "vm-2", "vm-1", "static-1");
    }

    @Test
    void eachFilterNarrowsTheListInTheDatabase() {
        assertThat(ids(agents.listNewest(zoneA, ProviderFilter.ANY, null, Set.of(), 10)))
                .containsExactly("vm-3", "vm-2", "vm-1", "static-1");
        assertThat(ids(agents.listNewest(null, ProviderFilter.NONE, null, Set.of(), 10))).containsExactly("static-1");
        assertThat(ids(agents.listNewest(null, ProviderFilter.ONE, providerA, Set.of(AgentState.RUNNING), 10)))
                .containsExactly("vm-1");
        assertThat(ids(agents.listNewest(zoneB, ProviderFilter.ONE, providerA, Set.of(), 10))).isEmpty();
        assertThat(ids(agents.listNewest(null, ProviderFilter.ANY, null, Set.of(AgentState.FAILED), 10)))
                .containsExactly("vm-3");
    }

    @Test
    void theLimitKeepsTheNewestAcrossZones() {
        assertThat(ids(agents.listNewest(null, ProviderFilter.ANY, null, Set.of(), 2))).containsExactly("vm-4", "vm-3");
        assertThat(ids(agents.listNewest(zoneA, ProviderFilter.ANY, null, NOT_DESTROYED, 1))).containsExactly("vm-3");
    }

    @Test
    void theListAndTheDashboardCountsReadAgentsThroughIndexesNotTheWholeTable() {
        String anyState = plan(JdbiAgentRepository.listNewestSql(true, ProviderFilter.ANY, false),
                q -> q.bind("zoneId", zoneA).bind("limit", 1001));
        String someStates = plan(JdbiAgentRepository.listNewestSql(false, ProviderFilter.ONE, true),
                q -> q.bind("providerId", providerA).bind("limit", 1001)
                        .bindArray("states", String.class, List.of("running", "failed")));
        String counts = plan(JdbiAgentRepository.COUNT_BY_STATE_SQL, q -> q.bind("zoneId", zoneA)
                .bind("since", T0).bindArray("live", String.class, List.of("running", "starting")));

        assertThat(anyState).contains("agents_zone_created").doesNotContain("Seq Scan on agents");
        // which of the two zone indexes serves a state filter is the planner's choice by the rows' statistics
        assertThat(someStates).containsPattern("agents_zone_(state_)?created").doesNotContain("Seq Scan on agents");
        assertThat(counts).contains("agents_zone_ended").doesNotContain("Seq Scan on agents");
    }

    private long provider(long zoneId) {
        return new JdbiVmProviderConfigRepository(Fixtures.jdbi(), Fixtures.CIPHER, Fixtures.JSON).create(zoneId,
                new VmProviderSettings("p" + zoneId, "simulated", true, 0, 5, "", null, true, ProviderFields.EMPTY,
                        Map.of(), 10)).id();
    }

    private static Agent autoscaled(String id, long zoneId, long providerId, AgentState state, Instant createdAt) {
        Agent a = Fixtures.agent(id, zoneId, state, createdAt);
        return new Agent(id, zoneId, providerId, true, id, state, null, null, null, null, null, a.capacity(),
                createdAt, createdAt, null, null, null, null);
    }

    private static List<String> ids(List<Agent> list) {
        return list.stream().map(Agent::id).toList();
    }

    /** The query's plan as PostgreSQL's EXPLAIN prints it, with sequential scans switched off for this one query. */
    private static String plan(String sql, Consumer<Query> binds) {
        return Fixtures.jdbi().inTransaction(h -> {
            h.execute("SET LOCAL enable_seqscan = off");
            Query q = h.createQuery("EXPLAIN " + sql);
            binds.accept(q);
            return String.join("\n", q.mapTo(String.class).list());
        });
    }
}
