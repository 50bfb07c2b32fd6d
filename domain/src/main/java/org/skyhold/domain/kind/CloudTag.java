package org.skyhold.domain.kind;

/**
 * One tag of an agent's VM as the cloud shows it: a key with a value, or (for clouds whose tags are plain
 * strings) a key alone with {@code value} null. {@code source} says who set it ("Skyhold", "provider NAME").
 */
public record CloudTag(String key, String value, String source) {
}
