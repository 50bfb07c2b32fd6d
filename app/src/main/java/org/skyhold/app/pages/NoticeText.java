package org.skyhold.app.pages;

import java.util.Map;

/**
 * The short notices a page shows after a redirect ({@code ?notice=saved}). Only known codes are shown, so a
 * crafted link cannot put words on our page.
 */
final class NoticeText {
    private static final Map<String, String> TEXT = Map.of(
            "saved", "Saved.",
            "created", "Created.",
            "deleted", "Deleted.",
            "password-changed", "Password changed, and every session signed out: sign in with the new password.",
            "revoked", "API key revoked.",
            "signed-out", "Signed out.");

    private NoticeText() {
    }

    static String of(String code) {
        return TEXT.getOrDefault(code, null);
    }
}
