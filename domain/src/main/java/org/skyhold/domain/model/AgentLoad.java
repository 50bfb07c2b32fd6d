package org.skyhold.domain.model;

import java.time.Instant;

/** What an agent's open sessions hold, and since when it holds none ({@code idleSince}, null while busy). */
public record AgentLoad(String agentId, Capacity reserved, int sessions, Instant idleSince) {
}
