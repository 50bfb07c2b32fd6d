package org.skyhold.domain.kind;

import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * A kind's settings cannot be read: {@code field} names the field at fault and the message completes
 * "FIELD ..." for the operator ("is required", "must be ..."). Thrown by a kind's settings reader, which runs
 * both when settings are saved (shown beside the field, nothing saved) and when a provider is built.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same refusal as a provider error of class {@code BAD_CONFIG}, "FIELD MESSAGE", for a kind's create. */
    public ProviderException badConfig() {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, field + " " + getMessage());
    }
}
