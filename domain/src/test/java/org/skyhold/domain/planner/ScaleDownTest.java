package org.skyhold.domain.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.domain.planner.Zones.FOUR_CORES;
import static org.skyhold.domain.planner.Zones.NOW;
import static org.skyhold.domain.planner.Zones.zone;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

class ScaleDownTest {
    private static final Instant LONG_AGO = NOW.minusSeconds(3600);

    @Test
    void anAgentIdleLongerThanTheBackoffIsRemovedWhenTheRestStillCoversTheTarget() {
        Plan plan = zone().standby(4, 0, 0).backoff(600)
                .idleAgent("a1", 1, LONG_AGO, LONG_AGO).idleAgent("a2", 1, LONG_AGO, LONG_AGO)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleDowns()).hasSize(1);
        assertThat(plan.scaleDowns().get(0).reason()).contains("still covers target 4 cores");
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("keeping idle agent"));
    }

    @Test
    void theBackoffBoundaryIsInclusive() {
        Plan exactly = zone().standby(0, 0, 0).backoff(600).idleAgent("a1", 1, LONG_AGO, NOW.minusSeconds(600))
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        Plan aSecondShort = zone().standby(0, 0, 0).backoff(600).idleAgent("a1", 1, LONG_AGO, NOW.minusSeconds(599))
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(exactly.scaleDowns()).hasSize(1);
        assertThat(aSecondShort.scaleDowns()).isEmpty();
        assertThat(aSecondShort.notes()).anyMatch(n -> n.contains("not yet been idle for the 600 s"));
    }

    @Test
    void nothingIsRemovedWithinTheBackoffOfTheLastScaleUp() {
        Plan plan = zone().standby(0, 0, 0).backoff(600).lastScaleUp(NOW.minusSeconds(100))
                .idleAgent("a1", 1, LONG_AGO, LONG_AGO).provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleDowns()).isEmpty();
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("nothing to remove before"));
    }

    @Test
    void agentsWithSessionsStagedOrNotAreNeverRemoved() {
        Plan plan = zone().standby(0, 0, 0).backoff(0)
                .agent("busy", 1L, AgentState.RUNNING, FOUR_CORES, new Capacity(1, 0, 0), 1, LONG_AGO, null)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleDowns()).isEmpty();
    }

    @Test
    void staticAgentsAreNeverRemoved() {
        Plan plan = zone().standby(0, 0, 0).backoff(0)
                .agent("static", null, AgentState.RUNNING, FOUR_CORES, Capacity.ZERO, 0, LONG_AGO, LONG_AGO)
                .plan();
        assertThat(plan.scaleDowns()).isEmpty();
    }

    @Test
    void onlyRunningAgentsAreCandidates() {
        Plan plan = zone().standby(0, 0, 0).backoff(0)
                .agent("starting", 1L, AgentState.STARTING, FOUR_CORES, Capacity.ZERO, 0, LONG_AGO, LONG_AGO)
                .agent("draining", 1L, AgentState.DRAINING, FOUR_CORES, Capacity.ZERO, 0, LONG_AGO, LONG_AGO)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleDowns()).isEmpty();
    }

    @Test
    void theLowestPriorityProviderGoesFirstThenTheNewestAgent() {
        Plan plan = zone().standby(4, 0, 0).backoff(0)
                .idleAgent("primary-old", 1, LONG_AGO, LONG_AGO)
                .idleAgent("backup-old", 2, LONG_AGO, LONG_AGO)
                .idleAgent("backup-new", 2, NOW.minusSeconds(60), LONG_AGO)
                .provider(1, "primary", 0, 10, FOUR_CORES)
                .provider(2, "backup", 9, 10, FOUR_CORES).plan();
        assertThat(plan.scaleDowns()).extracting(Plan.ScaleDown::agentId).containsExactly("backup-new", "backup-old");
    }

    @Test
    void aShortfallMeansNoRemovalAtAll() {
        Plan plan = zone().standby(12, 0, 0).backoff(0)
                .idleAgent("a1", 1, LONG_AGO, LONG_AGO)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleDowns()).isEmpty();
        assertThat(plan.vmsToCreate()).isEqualTo(2);
    }
}
