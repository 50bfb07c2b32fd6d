package org.skyhold.domain.port;

/** A unique name (or key) is already taken; {@code field} names the field at fault. */
public class DuplicateNameException extends RepositoryException {
    private final String field;

    public DuplicateNameException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
