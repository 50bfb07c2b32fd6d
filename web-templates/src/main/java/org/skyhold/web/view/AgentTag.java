package org.skyhold.web.view;

/**
 * One cloud tag of an agent's VM; {@code value} is null for a plain tag (DigitalOcean's custom tags), and
 * {@code source} says who sets it ("Skyhold" or the provider's settings).
 */
public record AgentTag(String key, String value, String source) {
}
