package org.skyhold.web.view;

import java.util.List;

/**
 * The image page's "stage N sessions of this image in zone Z for H hours" form: its three inputs (with what was
 * typed and the refusal beside each) and refusals that belong to none of them.
 */
public record StagingFormView(String action, FormField zone, FormField sessions, FormField expiration,
                              List<String> errors) {
    public StagingFormView {
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || zone.error() != null || sessions.error() != null || expiration.error() != null;
    }
}
