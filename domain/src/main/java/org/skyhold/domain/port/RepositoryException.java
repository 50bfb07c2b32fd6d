package org.skyhold.domain.port;

/** The database failed or refused a statement; the message says what, never with secret values. */
public class RepositoryException extends RuntimeException {
    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public RepositoryException(String message) {
        super(message);
    }
}
