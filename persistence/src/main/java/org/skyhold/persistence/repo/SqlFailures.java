package org.skyhold.persistence.repo;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.port.RepositoryException;

/**
 * Runs one repository call and turns the database's refusals into the domain's exceptions: a unique violation
 * into {@link DuplicateNameException} naming the wire field at fault, a foreign-key violation of a constraint
 * registered with {@link #inUse} into {@link InUseException}, and any other failure into
 * {@link RepositoryException}.
 *
 * <p>Messages carry PostgreSQL's one-line reason only, never its detail or the statement and its bound values:
 * those repeat row contents, and a row may hold sealed secrets.
 */
final class SqlFailures {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final String doing;
    private final Map<String, Supplier<RepositoryException>> duplicates = new HashMap<>();
    private final Map<String, Supplier<RepositoryException>> inUse = new HashMap<>();

    private SqlFailures(String doing) {
        this.doing = doing;
    }

    /** @param doing what the call does, as in "could not {@code doing}" */
    static SqlFailures doing(String doing) {
        return new SqlFailures(doing);
    }

    /** A unique violation of {@code constraint} means {@code field} is taken. */
    SqlFailures duplicate(String constraint, String field, String message) {
        duplicates.put(constraint, () -> new DuplicateNameException(field, message));
        return this;
    }

    /** A foreign-key violation of {@code constraint} means rows of another table still refer to this one. */
    SqlFailures inUse(String constraint, String message) {
        inUse.put(constraint, () -> new InUseException(message));
        return this;
    }

    <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    private RepositoryException translate(JdbiException e) {
        SQLException sql = sqlCause(e);
        String state = sql == null ? null : sql.getSQLState();
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String constraint = server == null ? null : server.getConstraint();
        Supplier<RepositoryException> known = null;
        if (UNIQUE_VIOLATION.equals(state)) {
            known = duplicates.get(constraint);
        } else if (FOREIGN_KEY_VIOLATION.equals(state)) {
            known = inUse.get(constraint);
        }
        if (known != null) {
            RepositoryException refusal = known.get();
            refusal.initCause(e);
            return refusal;
        }
        String reason = "could not " + doing + ": " + reason(e, sql, server);
        if (UNIQUE_VIOLATION.equals(state)) {
            DuplicateNameException duplicate = new DuplicateNameException(constraint, reason);
            duplicate.initCause(e);
            return duplicate;
        }
        return new RepositoryException(reason, e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String reason(JdbiException e, SQLException sql, ServerErrorMessage server) {
        if (server != null && server.getMessage() != null) {
            return server.getMessage();
        }
        if (sql != null && sql.getMessage() != null) {
            return sql.getMessage().replace('\n', ' ');
        }
        return e.getClass().getSimpleName();
    }
}
