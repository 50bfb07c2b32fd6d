package org.skyhold.domain.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A secret value (key, token, password, private key). Its {@code toString} never shows the value, so a secret
 * that reaches a log line or a template by mistake prints as a mask; the value is read only through
 * {@link #reveal()}, which makes every use of the plain text easy to find.
 *
 * <p>A secret read from storage is {@linkplain #opening opened} only when its plain text is first needed, so
 * reading a zone or a provider (to list it, show it, or plan) never decrypts anything; only building a provider
 * or rendering an agent's script does.
 */
public final class Secret {
    private final Supplier<String> opener;
    private volatile String value;

    private Secret(String value, Supplier<String> opener) {
        this.value = value;
        this.opener = opener;
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"), null);
    }

    /**
     * A stored secret whose plain text {@code opener} produces on the first {@link #reveal()} (and whose failure,
     * for example a value sealed under another key, surfaces there and not when the secret is read).
     */
    public static Secret opening(Supplier<String> opener) {
        return new Secret(null, Objects.requireNonNull(opener, "opener"));
    }

    /** The plain text; callers must not log or render it. Opens a stored secret on first use. */
    public String reveal() {
        String v = value;
        if (v == null) {
            v = Objects.requireNonNull(opener.get(), "opened secret");
            value = v;
        }
        return v;
    }

    public boolean isEmpty() {
        return reveal().isEmpty();
    }

    /**
     * Equal plain texts. A stored secret that does not open (sealed under another key, damaged) equals no other
     * secret, so saving a new value over it is a change rather than a failure.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Secret other)) {
            return false;
        }
        try {
            return other.reveal().equals(reveal());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public int hashCode() {
        try {
            return reveal().hashCode();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
