package org.skyhold.domain.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.PlacementView.Candidate;

/**
 * The placement rule: which agent each session of a batch goes to. Requests are taken in order, each as if the
 * ones before it were already placed: a user's request whose image has a ready staged session is left to claim
 * it (when it asks so); otherwise the session goes to the first candidate with room for the image in every
 * dimension, in placement order: static agents first when the zone says so, then the fullest ({@code
 * most_loaded}) or the emptiest ({@code least_loaded}) by free cores, then by free memory, then by agent id.
 * Room is counted against effective capacity ({@link PlacementView.Candidate#limit()}).
 */
public final class PlacementChoice {
    private PlacementChoice() {
    }

    /**
     * One request's choice: {@code outcome} {@code PLACED} with the agent, its limit and the image's reservation;
     * otherwise why not, with the other fields null.
     */
    public record Choice(PlacementRequest request, Outcome outcome, String agentId, Capacity limit, Capacity need) {
        static Choice not(PlacementRequest request, Outcome outcome) {
            return new Choice(request, outcome, null, null, null);
        }
    }

    /** The choices for {@code requests}, in their order, on {@code view}. */
    public static List<Choice> choose(PlacementView view, List<PlacementRequest> requests) {
        List<Candidate> candidates = view.candidates();
        Capacity[] free = new Capacity[candidates.size()];
        for (int i = 0; i < free.length; i++) {
            free[i] = candidates.get(i).limit().minus(candidates.get(i).reserved());
        }
        Comparator<Integer> order = order(view, candidates, free);
        List<Choice> choices = new ArrayList<>(requests.size());
        for (PlacementRequest r : requests) {
            choices.add(choose(view, r, candidates, free, order));
        }
        return choices;
    }

    private static Choice choose(PlacementView view, PlacementRequest r, List<Candidate> candidates, Capacity[] free,
                                 Comparator<Integer> order) {
        if (!view.zoneFound()) {
            return Choice.not(r, Outcome.NO_ZONE);
        }
        Capacity need = view.images().get(r.imageId());
        if (need == null) {
            return Choice.not(r, Outcome.NO_IMAGE);
        }
        if (r.unlessStagedReady() && view.stagedReady().contains(r.imageId())) {
            return Choice.not(r, Outcome.STAGED_READY);
        }
        int best = -1;
        for (int i = 0; i < free.length; i++) {
            if (free[i].covers(need) && (best < 0 || order.compare(i, best) < 0)) {
                best = i;
            }
        }
        if (best < 0) {
            return Choice.not(r, Outcome.NO_ROOM);
        }
        free[best] = free[best].minus(need);
        Candidate c = candidates.get(best);
        return new Choice(r, Outcome.PLACED, c.agentId(), c.limit(), need);
    }

    /** Placement order over candidate indexes, on their free room as it changes through the batch. */
    private static Comparator<Integer> order(PlacementView view, List<Candidate> candidates, Capacity[] free) {
        Comparator<Integer> byFree = Comparator.<Integer>comparingLong(i -> free[i].cores())
                .thenComparingLong(i -> free[i].memoryMb());
        Comparator<Integer> order = (view.mostLoaded() ? byFree : byFree.reversed())
                .thenComparing(i -> candidates.get(i).agentId());
        if (view.staticFirst()) {
            order = Comparator.<Integer, Boolean>comparing(i -> candidates.get(i).autoscaled()).thenComparing(order);
        }
        return order;
    }
}
