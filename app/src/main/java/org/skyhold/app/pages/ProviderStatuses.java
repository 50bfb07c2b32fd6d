package org.skyhold.app.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.skyhold.domain.engine.ProviderBackoff;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.web.view.ProviderStatus;

/**
 * A VM provider's state in the words of the planner's notes: disabled, backing off (and after what), at its cap,
 * or ok. The order is the order the planner skips a provider in, so the page says why it is skipped now.
 */
final class ProviderStatuses {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ProviderStatuses() {
    }

    /** @param live the provider's live agents (those that count against its max instances) */
    static ProviderStatus of(VmProviderConfig p, int live, Instant now) {
        String href = "/zones/" + p.zoneId() + "/vm-providers/" + p.id();
        int max = p.settings().maxInstances();
        if (!p.settings().enabled()) {
            return new ProviderStatus(p.name(), href, "disabled", "warning");
        }
        if (p.health().backingOffAt(now)) {
            return new ProviderStatus(p.name(), href, backoff(p.health()), "error");
        }
        if (live >= max) {
            return new ProviderStatus(p.name(), href, "at cap (" + live + " of max " + max + ")", "warning");
        }
        return new ProviderStatus(p.name(), href, "ok (" + live + " of max " + max + " agents)", "ok");
    }

    /** For the home page's one line: "provider aws-east backing off until 10:42", or null when it is not. */
    static String backingOff(VmProviderConfig p, Instant now) {
        ProviderHealth h = p.health();
        if (!p.settings().enabled() || !h.backingOffAt(now)) {
            return null;
        }
        return "provider " + p.name() + " backing off until " + CLOCK.format(h.backoffUntil()) + " UTC"
                + (ProviderBackoff.waitsForSettings(h.lastErrorClass()) ? " or until its settings change" : "");
    }

    /**
     * Why a backing-off provider is skipped: "backing off until T after class: message", with "or until its
     * settings change" for errors a settings change cures. The zone page's provider table and the
     * dashboard both say it this way.
     */
    static String backoff(ProviderHealth h) {
        String until = "backing off until " + time(h.backoffUntil())
                + (ProviderBackoff.waitsForSettings(h.lastErrorClass()) ? " or until its settings change" : "");
        return until + " after " + (h.lastError() == null ? "an error" : lastError(h));
    }

    /** The provider's last error with its class ("quota: ..."), or null when it has none. */
    static String lastError(ProviderHealth h) {
        if (h.lastError() == null) {
            return null;
        }
        return h.lastErrorClass() == null ? h.lastError() : h.lastErrorClass().wireName() + ": " + h.lastError();
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
