package org.skyhold.domain.model;

import java.util.Locale;

/**
 * An enum whose JSON, database and form spelling is its lower-case name ({@code most_loaded}, {@code aws}).
 * One place for the spelling, so the wire and the database can never disagree.
 */
public interface WireEnum {
    String name();

    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant spelled {@code wire}.
     *
     * @throws IllegalArgumentException when no constant has that spelling (the message lists the allowed ones)
     */
    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + allowed(type));
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.wireName());
        }
        return sb.toString();
    }
}
