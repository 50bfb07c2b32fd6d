package org.skyhold.domain.planner;

import java.util.List;
import org.skyhold.domain.model.Capacity;

/**
 * What the planner decided for a zone at one moment, with a reason for every action and for every "nothing to
 * do". {@code act} is false when scaling is disabled: the plan then only explains what would happen.
 * {@code drains} are busy agents to stop placing sessions on after a drain-at-end window closed; {@code window}
 * is the standby window whose values the plan used (null: the zone's own).
 */
public record Plan(
        boolean act,
        Capacity free,
        Capacity target,
        List<ScaleUp> scaleUps,
        List<ScaleDown> scaleDowns,
        List<StageSessions> stage,
        List<String> notes,
        List<String> configErrors,
        List<Drain> drains,
        String window) {

    /** A plan without drains, on the zone's own values. */
    public Plan(boolean act, Capacity free, Capacity target, List<ScaleUp> scaleUps, List<ScaleDown> scaleDowns,
                List<StageSessions> stage, List<String> notes, List<String> configErrors) {
        this(act, free, target, scaleUps, scaleDowns, stage, notes, configErrors, List.of(), null);
    }

    /** Stop placing sessions on a busy surplus agent so it empties and is then destroyed. */
    public record Drain(String agentId, String reason) {
    }

    /** Create {@code count} VMs on one provider. */
    public record ScaleUp(long providerId, String providerName, int count, String reason) {
    }

    /** Destroy one idle autoscaled agent. */
    public record ScaleDown(String agentId, String reason) {
    }

    /** Stage {@code count} more sessions of an image (placement happens when acting). */
    public record StageSessions(long imageId, int count, String reason) {
    }

    public int vmsToCreate() {
        return scaleUps.stream().mapToInt(ScaleUp::count).sum();
    }

    public boolean nothingToDo() {
        return scaleUps.isEmpty() && scaleDowns.isEmpty() && stage.isEmpty() && drains.isEmpty();
    }
}
