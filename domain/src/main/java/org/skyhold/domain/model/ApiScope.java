package org.skyhold.domain.model;

import java.util.Locale;

/**
 * What an API key may do. Scopes are nested: {@code read} (GETs and the metrics), {@code sessions} (read, plus
 * asking for and ending sessions), {@code admin} (everything). Signed-in people and the admin's Basic
 * credentials act with {@code admin}.
 */
public enum ApiScope {
    READ, SESSIONS, ADMIN;

    /** The name in JSON, forms, the database and the OpenAPI document: {@code read}, {@code sessions}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a caller holding this scope may call a route that needs {@code needed}. */
    public boolean covers(ApiScope needed) {
        return ordinal() >= needed.ordinal();
    }

    /**
     * The scope with that wire name.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code wire} is none of them
     */
    public static ApiScope parse(String wire) {
        for (ApiScope s : values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of read, sessions, admin");
    }
}
