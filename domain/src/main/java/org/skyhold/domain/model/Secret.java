package org.skyhold.domain.model;

import java.util.Objects;

/**
 * A secret value (key, token, password, private key). Its {@code toString} never shows the value, so a secret
 * that reaches a log line or a template by mistake prints as a mask; the value is read only through
 * {@link #reveal()}, which makes every use of the plain text easy to find.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain text; callers must not log or render it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
