package org.skyhold.domain.kind;

/**
 * A kind's own check of a JSON-typed field's shape, beyond what its {@link FieldType} checks ("an object",
 * "a list of objects"): e.g. "may not set name or labels". Runs on every save, before anything is stored.
 */
@FunctionalInterface
public interface FieldCheck {
    /**
     * Checks a parsed value.
     *
     * @param value the field's value as plain Java: {@code Map<String, Object>}, {@code List<Object>},
     *              {@code String}, {@code Number}, {@code Boolean} (the tree a JSON reader gives)
     * @throws IllegalArgumentException with a message that completes "FIELD ..." for the operator, e.g.
     *                                  "may not set name or labels (Skyhold sets them)"; never quoting a secret
     */
    void check(Object value);

    /** The check of a field that has none of its own. */
    FieldCheck NONE = value -> { };
}
