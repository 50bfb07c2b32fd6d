package org.skyhold.web.view;

import java.util.List;

/**
 * One page of the decision log: its rows, newest first, the links to the next older page and back to the newest
 * (null when there is none), whether it is the first page (the only live one) and what to say when it is empty.
 */
public record EventPageView(List<EventRow> rows, String olderHref, String newestHref, boolean firstPage,
                            String emptyText) {
    public EventPageView {
        rows = List.copyOf(rows);
    }
}
