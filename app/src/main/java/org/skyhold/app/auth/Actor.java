package org.skyhold.app.auth;

import org.skyhold.domain.model.ApiScope;

/**
 * Who is making a request: a signed-in person ({@code SESSION}), a script with an API key ({@code API_KEY}) or
 * with the admin's password ({@code BASIC}). {@code name} goes into events ("admin", "api-key:deploy");
 * {@code scope} bounds what the caller may do (people and the admin's password act with {@code admin}).
 */
public record Actor(String name, long userId, Via via, String csrfToken, ApiScope scope) {
    public enum Via { SESSION, API_KEY, BASIC }

    /** An actor with every right: a signed-in person or the admin's Basic credentials. */
    public Actor(String name, long userId, Via via, String csrfToken) {
        this(name, userId, via, csrfToken, ApiScope.ADMIN);
    }

    /** Only cookie-authenticated requests can be forged cross-site, so only they need a CSRF token. */
    public boolean needsCsrf() {
        return via == Via.SESSION;
    }
}
