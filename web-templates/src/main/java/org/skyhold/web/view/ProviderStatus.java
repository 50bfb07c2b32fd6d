package org.skyhold.web.view;

/**
 * A VM provider as the engine sees it now: {@code status} is a sentence ("ok", "at cap (3 of max 3)", "backing off
 * until ... after capacity: ...", "disabled"), {@code tone} is {@code ok}, {@code warning} or {@code error}.
 */
public record ProviderStatus(String name, String href, String status, String tone) {
}
