package org.skyhold.app.auth;

/**
 * Who is making a request: a signed-in person ({@code SESSION}), a script with an API key ({@code API_KEY}) or
 * with the admin's password ({@code BASIC}). {@code name} goes into events ("admin", "api-key:deploy").
 */
public record Actor(String name, long userId, Via via, String csrfToken) {
    public enum Via { SESSION, API_KEY, BASIC }

    /** Only cookie-authenticated requests can be forged cross-site, so only they need a CSRF token. */
    public boolean needsCsrf() {
        return via == Via.SESSION;
    }
}
