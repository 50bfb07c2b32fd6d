package org.skyhold.domain.port;

/** A row cannot be deleted because others still refer to it; the message says which. */
public class InUseException extends RepositoryException {
    public InUseException(String message) {
        super(message);
    }
}
