package org.skyhold.web.view;

/**
 * One line of the decision log as the events page shows it: {@code at} is the UTC time to the second for people,
 * {@code atIso} the same instant for the {@code <time>} element. {@code zoneId} is null for an event of no zone (or
 * of a deleted one), {@code zoneName} then says which; {@code agentHref} is the agent's page, null without an agent.
 */
public record EventRow(long id, String at, String atIso, Long zoneId, String zoneName, String agentId,
                       String agentHref, String kind, String actor, String reason) {
}
