package org.skyhold.web.view;

/** How many agents of a zone are in one state, linking to the agents list filtered to them. */
public record StateCount(String state, String label, int count, String href) {
}
