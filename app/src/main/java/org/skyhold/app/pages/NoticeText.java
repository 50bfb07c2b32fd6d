package org.skyhold.app.pages;

import java.util.Map;

/**
 * The short notices a page shows after a redirect ({@code ?notice=saved}). Only known codes are shown, so a
 * crafted link cannot put words on our page.
 */
final class NoticeText {
    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("saved", "Saved."),
            Map.entry("created", "Created."),
            Map.entry("deleted", "Deleted."),
            Map.entry("password-changed",
                    "Password changed, and every session signed out: sign in with the new password."),
            Map.entry("revoked", "API key revoked."),
            Map.entry("signed-out", "Signed out."),
            Map.entry("staged", "Staging saved: Skyhold keeps that many sessions of the image ready in the zone."),
            Map.entry("unstaged", "The zone no longer stages this image."),
            Map.entry("agent-draining", "The agent is draining: no new sessions are placed on it."),
            Map.entry("agent-destroyed", "Agent destroyed: its DNS record and its VM are gone."),
            Map.entry("agent-removed", "Static agent removed from Skyhold; the machine itself was not touched."),
            Map.entry("agent-destroying", "Destroying the agent: Skyhold retries until its DNS record and VM are "
                    + "confirmed gone."),
            Map.entry("error-agent-not-running", "Nothing drained: only a running agent can be drained."),
            Map.entry("error-agent-not-live", "Nothing destroyed: the agent is no longer live."),
            Map.entry("error-agent-has-sessions", "Not destroyed: the agent holds sessions. Drain it first, or tick "
                    + "'end its sessions' to destroy anyway."));

    private NoticeText() {
    }

    static String of(String code) {
        return TEXT.getOrDefault(code, null);
    }
}
