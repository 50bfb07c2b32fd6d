package org.skyhold.providers;

import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;

/**
 * Reads single fields through their {@link FieldSpec}s with the spec's own pattern and range, so a settings record
 * read here holds only values the spec allows, whether or not the caller checked them first. Shared by the kinds
 * whose typed settings read fields one by one (OCI, Azure).
 */
public final class FieldReader {
    private final KindSettings settings;

    public FieldReader(KindSettings settings) {
        this.settings = settings;
    }

    /** A text field, or null when unset; refused naming the field when it does not match the spec's pattern. */
    public String text(FieldSpec spec) {
        String v = settings.fields().text(spec);
        if (v != null && spec.pattern() != null && !spec.pattern().matcher(v).matches()) {
            throw new InvalidFieldException(spec.name(), "must be " + spec.patternHint());
        }
        return v;
    }

    public String requiredText(FieldSpec spec) {
        String v = text(spec);
        if (v == null) {
            throw new InvalidFieldException(spec.name(), "is required");
        }
        return v;
    }

    /** A whole-number field within the spec's range, or null when unset. */
    public Integer integer(FieldSpec spec) {
        Long v = settings.fields().integer(spec);
        if (v == null) {
            return null;
        }
        if (v < spec.min() || v > spec.max()) {
            throw new InvalidFieldException(spec.name(), "must be between " + spec.min() + " and " + spec.max());
        }
        return v.intValue();
    }

    public String requiredSecret(FieldSpec spec) {
        return settings.requiredSecret(spec);
    }

    /** The endpoint override, or null for the cloud's public endpoints. */
    public String endpoint() {
        String e = settings.endpointOverride();
        return e == null || e.isBlank() ? null : e.trim().replaceAll("/+$", "");
    }
}
