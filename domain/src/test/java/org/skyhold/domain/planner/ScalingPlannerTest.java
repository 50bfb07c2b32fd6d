package org.skyhold.domain.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.domain.planner.Zones.FOUR_CORES;
import static org.skyhold.domain.planner.Zones.NOW;
import static org.skyhold.domain.planner.Zones.zone;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

class ScalingPlannerTest {
    private static final Capacity NONE = Capacity.ZERO;

    @Test
    void standbyIsMetFromZeroWithAReasonThatShowsTheArithmetic() {
        Plan plan = zone().standby(8, 0, 0).provider(1, "aws-east", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleUps()).singleElement().satisfies(up -> {
            assertThat(up.count()).isEqualTo(2);
            assertThat(up.reason()).startsWith("free cores 0 < target 8 (standby 8 + staging 0);")
                    .endsWith("+2 agents of 4 cores, 8192 MB on aws-east (2 of max 10 used)");
        });
        assertThat(plan.act()).isTrue();
    }

    /** How many agents the shortfall needs, at and around each boundary. */
    static Stream<Arguments> shortfalls() {
        return Stream.of(
                Arguments.of("free equals target: nothing", 8, 8, 0),
                Arguments.of("one core short: one agent", 8, 7, 1),
                Arguments.of("exactly one agent short", 8, 4, 1),
                Arguments.of("one core more than one agent", 9, 4, 2),
                Arguments.of("more free than target: nothing", 4, 8, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortfalls")
    void theNumberOfAgentsIsTheCeilingOfTheShortfallOverTheAgentSize(String name, int standby, int freeCores,
                                                                      int expected) {
        Plan plan = zone().standby(standby, 0, 0)
                .agent("static-1", null, AgentState.RUNNING, new Capacity(freeCores, 0, 0), NONE, 0, NOW, null)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.vmsToCreate()).isEqualTo(expected);
    }

    @Test
    void agentsStillStartingCountAsCapacityOnItsWay() {
        Plan plan = zone().standby(8, 0, 0)
                .agent("a1", 1L, AgentState.STARTING, FOUR_CORES, NONE, 0, NOW, null)
                .agent("a2", 1L, AgentState.PENDING, FOUR_CORES, NONE, 0, NOW, null)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.scaleUps()).isEmpty();
        assertThat(plan.free().cores()).isEqualTo(8);
    }

    @Test
    void drainingMissingAndDestroyingAgentsAreNotFreeCapacity() {
        Plan plan = zone().standby(4, 0, 0)
                .agent("a1", 1L, AgentState.DRAINING, FOUR_CORES, NONE, 0, NOW, null)
                .agent("a2", 1L, AgentState.MISSING, FOUR_CORES, NONE, 0, NOW, null)
                .agent("a3", 1L, AgentState.DESTROYING, FOUR_CORES, NONE, 0, NOW, null)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.free().cores()).isZero();
        assertThat(plan.vmsToCreate()).isEqualTo(1);
    }

    @Test
    void sessionsReduceFreeCapacity() {
        Plan plan = zone().standby(4, 0, 0)
                .agent("a1", 1L, AgentState.RUNNING, FOUR_CORES, new Capacity(2, 0, 0), 1, NOW, null)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.free().cores()).isEqualTo(2);
        assertThat(plan.vmsToCreate()).isEqualTo(1);
    }

    @Test
    void theLargestShortfallAcrossDimensionsDecides() {
        Plan plan = zone().standby(4, 3, 1024).provider(1, "gpu", 0, 10, new Capacity(8, 1, 32768)).plan();
        assertThat(plan.vmsToCreate()).isEqualTo(3);
    }

    @Test
    void stagingNeedAddsToTheTargetAndAsksForTheMissingSessions() {
        Plan plan = zone().standby(0, 0, 0).staging(7, "win11", new Capacity(2, 0, 4096), 5, 2)
                .provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.target()).isEqualTo(new Capacity(6, 0, 12288));
        assertThat(plan.vmsToCreate()).isEqualTo(2);
        assertThat(plan.stage()).singleElement().satisfies(s -> {
            assertThat(s.imageId()).isEqualTo(7);
            assertThat(s.count()).isEqualTo(3);
            assertThat(s.reason()).isEqualTo("stage 3 sessions of win11 (2 of 5 ready)");
        });
    }

    @Test
    void aProviderAtItsCapPassesTheRestToTheNextByPriority() {
        Plan plan = zone().standby(16, 0, 0)
                .provider(2, "backup", 5, 10, FOUR_CORES)
                .provider(1, "primary", 0, 1, FOUR_CORES).plan();
        assertThat(plan.scaleUps()).extracting(Plan.ScaleUp::providerName, Plan.ScaleUp::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", 1),
                        org.assertj.core.groups.Tuple.tuple("backup", 3));
    }

    @Test
    void liveAgentsCountAgainstMaxInstances() {
        Plan plan = zone().standby(12, 0, 0)
                .agent("a1", 1L, AgentState.RUNNING, FOUR_CORES, FOUR_CORES, 1, NOW, null)
                .agent("a2", 1L, AgentState.DESTROYING, FOUR_CORES, NONE, 0, NOW, null)
                .provider(1, "p", 0, 3, FOUR_CORES).plan();
        assertThat(plan.vmsToCreate()).isEqualTo(1);
        assertThat(plan.notes()).anyMatch(n -> n.contains("still short"));
    }

    @Test
    void aProviderBackingOffOrDisabledIsSkippedForTheNext() {
        Plan plan = zone().standby(4, 0, 0)
                .provider(1, "failing", 0, 10, FOUR_CORES, Zones.backingOff(), true)
                .provider(2, "off", 1, 10, FOUR_CORES, org.skyhold.domain.model.ProviderHealth.HEALTHY, false)
                .provider(3, "spare", 2, 10, FOUR_CORES).plan();
        assertThat(plan.scaleUps()).extracting(Plan.ScaleUp::providerName).containsExactly("spare");
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("failing is backing off until") && n.contains("quota"))
                .anyMatch(n -> n.equals("off is disabled"));
    }

    @Test
    void aDimensionNoProviderHasIsAConfigurationErrorNotAnEndlessScaleUp() {
        Plan plan = zone().standby(4, 2, 0).provider(1, "cpu-only", 0, 10, FOUR_CORES).plan();
        assertThat(plan.configErrors()).singleElement().asString()
                .contains("2 GPUs more can never be met", "no enabled provider's agents have GPUs");
        assertThat(plan.vmsToCreate()).isEqualTo(1);
    }

    @Test
    void aZoneWithoutProvidersSaysSo() {
        Plan plan = zone().standby(4, 0, 0).plan();
        assertThat(plan.scaleUps()).isEmpty();
        assertThat(plan.configErrors()).singleElement().asString().contains("the zone has no VM provider");
    }

    @Test
    void aProviderOfUnknownSizeAddsOneAgentAndWaitsForItsReport() {
        Plan first = zone().standby(16, 0, 0).provider(1, "new", 0, 10, null).plan();
        assertThat(first.vmsToCreate()).isEqualTo(1);
        assertThat(first.scaleUps().get(0).reason()).contains("size is unknown");

        Plan waiting = zone().standby(16, 0, 0).agent("a1", 1L, AgentState.STARTING, null, NONE, 0, NOW, null)
                .provider(1, "new", 0, 10, null).plan();
        assertThat(waiting.scaleUps()).isEmpty();
        assertThat(waiting.notes()).anyMatch(n -> n.startsWith("waiting for the first agent of new"));
    }

    @Test
    void aProviderOfAKindThisBuildDoesNotHaveIsNeverUsedAndThePlanSaysWhy() {
        Plan plan = zone().standby(4, 0, 0)
                .unavailableProvider(1, "old-oci", 0, 10, FOUR_CORES, "the oci provider kind is not available")
                .provider(2, "spare", 1, 10, FOUR_CORES).plan();
        assertThat(plan.scaleUps()).extracting(Plan.ScaleUp::providerName).containsExactly("spare");
        assertThat(plan.notes()).contains("old-oci is not used: the oci provider kind is not available");
    }

    @Test
    void withScalingDisabledThePlanExplainsButDoesNotAct() {
        Plan plan = zone().standby(8, 0, 0).scalingDisabled().provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.act()).isFalse();
        assertThat(plan.vmsToCreate()).isEqualTo(2);
        assertThat(plan.notes().get(0)).contains("scaling is disabled");
    }

    @Test
    void whenNothingIsMissingTheReasonSaysWhy() {
        Plan plan = zone().standby(0, 0, 0).provider(1, "p", 0, 10, FOUR_CORES).plan();
        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.notes()).singleElement().asString()
                .isEqualTo("nothing to add: free cores 0 = target 0 (standby 0 + staging 0); free GPUs 0 = target 0 "
                        + "(standby 0 + staging 0); free memory 0 MB = target 0 (standby 0 + staging 0)");
    }
}
