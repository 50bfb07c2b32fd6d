package org.skyhold.domain.model;

/**
 * What a placement did: {@code session} and its agent's reachable address when {@link Outcome#PLACED}, both null
 * otherwise.
 */
public record PlacementResult(Outcome outcome, Session session, String agentAddress) {
    public enum Outcome {
        /** The session is stored and its reservation is on its agent. */
        PLACED,
        /** No running agent of the zone has room for the image now. */
        NO_ROOM,
        /** The request asked for a staged session first and one is ready: nothing was placed. */
        STAGED_READY,
        /** There is no such zone. */
        NO_ZONE,
        /** There is no such image. */
        NO_IMAGE
    }

    public static PlacementResult placed(Session session, String agentAddress) {
        return new PlacementResult(Outcome.PLACED, session, agentAddress);
    }

    public static PlacementResult not(Outcome outcome) {
        if (outcome == Outcome.PLACED) {
            throw new IllegalArgumentException("a placed result needs its session");
        }
        return new PlacementResult(outcome, null, null);
    }

    public boolean placed() {
        return outcome == Outcome.PLACED;
    }
}
