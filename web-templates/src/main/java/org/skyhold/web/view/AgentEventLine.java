package org.skyhold.web.view;

/** One event of an agent, for its timeline and its event list: when (ISO, UTC, and how long ago), what, why. */
public record AgentEventLine(String at, String ago, String kind, String reason) {
}
