package org.skyhold.web.view;

import java.util.List;

/**
 * The events page's filter form: the zones and kinds to choose from, what is chosen now ({@code ""} for any), and
 * the filter values that were refused, as sentences naming the field.
 */
public record EventFilterView(List<Option> zones, List<Option> kinds, String zoneId, String agentId, String kind,
                              List<String> errors) {
    public EventFilterView {
        zones = List.copyOf(zones);
        kinds = List.copyOf(kinds);
        errors = List.copyOf(errors);
    }

    /** Whether any filter narrows the log. */
    public boolean filtered() {
        return !zoneId.isEmpty() || !agentId.isEmpty() || !kind.isEmpty();
    }
}
