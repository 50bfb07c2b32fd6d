package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.engine.PlacementChoice.Choice;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.PlacementView.Candidate;
import org.skyhold.domain.model.SessionKind;

/** The placement rule, on views built by hand: order, room, and a batch placed as if one request at a time. */
class PlacementChoiceTest {
    private static final Instant T0 = Instant.parse("2031-05-06T07:08:09Z");
    private static final Capacity EIGHT = new Capacity(8, 0, 16384);
    private static final Capacity ONE = new Capacity(1, 0, 1024);
    private static final long DESK = 1;
    private static final long GPU = 2;

    @Test
    void staticAgentsComeFirstWhenTheZoneSaysSoThenTheFullestOrTheEmptiest() {
        List<Candidate> fleet = List.of(auto("full", 8), auto("half", 4), auto("empty", 0),
                new Candidate("static", false, new Capacity(2, 0, 4096), Capacity.ZERO));

        assertThat(agents(view(true, true, fleet), 1)).containsExactly("static");
        assertThat(agents(view(false, false, fleet), 1)).containsExactly("empty");
        // without static first the static agent is simply the fullest with room: 2 cores free against 4
        assertThat(agents(view(false, true, fleet), 1)).containsExactly("static");
    }

    @Test
    void tiesOnFreeCoresGoByFreeMemoryThenById() {
        List<Candidate> fleet = List.of(new Candidate("b", true, EIGHT, new Capacity(4, 0, 1024)),
                new Candidate("a", true, EIGHT, new Capacity(4, 0, 1024)),
                new Candidate("c", true, EIGHT, new Capacity(4, 0, 8192)));

        assertThat(agents(view(false, true, fleet), 1)).containsExactly("c");
        assertThat(agents(view(false, false, fleet), 1)).containsExactly("a");
    }

    @Test
    void aBatchFillsTheFullestUntilItIsFullWhenPackedAndLevelsTheEmptiestWhenSpread() {
        List<Candidate> fleet = List.of(auto("x", 5), auto("y", 4), auto("z", 0));

        assertThat(agents(view(false, true, fleet), 6)).containsExactly("x", "x", "x", "y", "y", "y");
        // spread: z is emptiest until it holds 4 like y, then z, y and x take turns by free room and id
        assertThat(agents(view(false, false, fleet), 7)).containsExactly("z", "z", "z", "z", "y", "z", "x");
    }

    @Test
    void roomIsCountedInEveryDimensionAgainstTheLimitAndNeverOverCommits() {
        PlacementView view = new PlacementView(true, false, true, Map.of(DESK, ONE, GPU, new Capacity(1, 1, 1024)),
                Set.of(), List.of(new Candidate("cpu", true, new Capacity(2, 0, 1024 * 64), Capacity.ZERO),
                        new Candidate("gpu", true, new Capacity(8, 1, 1024 * 64), Capacity.ZERO)));

        List<Choice> choices = PlacementChoice.choose(view, List.of(request("1", GPU, false),
                request("2", GPU, false), request("3", DESK, false), request("4", DESK, false),
                request("5", DESK, false)));

        assertThat(choices).extracting(Choice::agentId).containsExactly("gpu", null, "cpu", "cpu", "gpu");
        assertThat(choices).extracting(Choice::outcome).containsExactly(Outcome.PLACED, Outcome.NO_ROOM,
                Outcome.PLACED, Outcome.PLACED, Outcome.PLACED);
        assertThat(choices.get(0).need()).isEqualTo(new Capacity(1, 1, 1024));
        assertThat(choices.get(0).limit()).isEqualTo(new Capacity(8, 1, 1024 * 64));
    }

    @Test
    void saysWhyWhenItChoosesNothing() {
        PlacementView view = new PlacementView(true, false, true, Map.of(DESK, ONE), Set.of(DESK),
                List.of(auto("a", 0)));

        assertThat(PlacementChoice.choose(PlacementView.NO_ZONE, List.of(request("1", DESK, false))))
                .extracting(Choice::outcome).containsExactly(Outcome.NO_ZONE);
        assertThat(PlacementChoice.choose(view, List.of(request("1", GPU, false), request("2", DESK, true),
                request("3", DESK, false)))).extracting(Choice::outcome)
                .containsExactly(Outcome.NO_IMAGE, Outcome.STAGED_READY, Outcome.PLACED);
    }

    private static Candidate auto(String id, long coresHeld) {
        return new Candidate(id, true, EIGHT, new Capacity(coresHeld, 0, coresHeld * 1024));
    }

    private static PlacementView view(boolean staticFirst, boolean mostLoaded, List<Candidate> fleet) {
        return new PlacementView(true, staticFirst, mostLoaded, Map.of(DESK, ONE), Set.of(), fleet);
    }

    private static List<String> agents(PlacementView view, int n) {
        List<PlacementRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(request("s-" + i, DESK, false));
        }
        return PlacementChoice.choose(view, requests).stream().map(Choice::agentId).toList();
    }

    private static PlacementRequest request(String id, long image, boolean unlessStaged) {
        return new PlacementRequest(id, 1, image, SessionKind.USER, "ann", T0, null, unlessStaged);
    }
}
