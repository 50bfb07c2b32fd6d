package org.skyhold.domain.model;

/** How many of a zone's agents of one provider ({@code null}: static agents) are in one state. */
public record AgentCount(Long providerConfigId, AgentState state, int count) {
}
