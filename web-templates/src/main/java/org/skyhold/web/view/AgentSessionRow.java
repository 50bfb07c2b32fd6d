package org.skyhold.web.view;

/** One open session on an agent: what it reserves there and its times (ISO, UTC; "—" when not yet). */
public record AgentSessionRow(String id, String kind, String state, String user, String image, String reservation,
                              String created, String claimed, String expires) {
}
