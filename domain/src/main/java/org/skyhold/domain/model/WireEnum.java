package org.skyhold.domain.model;

import java.util.Locale;

/**
 * An enum whose JSON, database and form spelling is its lower-case name ({@code most_loaded}, {@code aws}).
 * One place for the spelling, so the wire and the database can never disagree.
 */
public interface WireEnum {
    String name();

    default String wireName() {
        return this instanceof Enum<?> e ? Spellings.OF.get(e.getDeclaringClass()).names[e.ordinal()]
                : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant spelled {@code wire}.
     *
     * @throws IllegalArgumentException when no constant has that spelling (the message lists the allowed ones)
     */
    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String wire) {
        Object found = wire == null ? null : Spellings.OF.get(type).byName.get(wire);
        if (found != null) {
            return type.cast(found);
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

    /**
     * Each enum's spellings (no enum overrides {@link #wireName()}; one that did would need its own here), worked
     * out once: every row read from the database spells a state or a kind, and
     * lower-casing each constant's name on every read showed in the profiles of the agents page and the zone loop.
     */
    final class Spellings {
        static final ClassValue<Spellings> OF = new ClassValue<>() {
            @Override
            protected Spellings computeValue(Class<?> type) {
                return new Spellings(type.getEnumConstants());
            }
        };

        final String[] names;
        final java.util.Map<String, Object> byName;

        private Spellings(Object[] constants) {
            names = new String[constants.length];
            java.util.Map<String, Object> map = new java.util.HashMap<>();
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
                map.put(names[i], constants[i]);
            }
            byName = java.util.Map.copyOf(map);
        }
    }
}
