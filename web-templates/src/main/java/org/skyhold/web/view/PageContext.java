package org.skyhold.web.view;

/**
 * What every page's layout needs: its title, the session's CSRF token for forms (null when signed out), and a
 * one-time notice ({@code noticeKind} is {@code ok} or {@code error}).
 */
public record PageContext(String title, String csrf, String notice, String noticeKind) {
    public boolean signedIn() {
        return csrf != null;
    }

    public PageContext withNotice(String text, String kind) {
        return new PageContext(title, csrf, text, kind);
    }
}
