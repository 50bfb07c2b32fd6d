package org.skyhold.web.view;

/**
 * One zone on the home page with its health in one line ("healthy: 8 of 8 standby cores free, 3 agents running");
 * {@code tone} is {@code ok}, {@code warning} or {@code error}.
 */
public record ZoneHealthRow(long id, String name, String health, String tone) {
}
