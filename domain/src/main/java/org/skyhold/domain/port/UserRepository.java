package org.skyhold.domain.port;

import java.util.Optional;
import org.skyhold.domain.model.User;

/** Stores the people who sign in. Blocking; failures throw {@link RepositoryException}. */
public interface UserRepository {
    /** Stores a new user; {@link DuplicateNameException} for a taken user name. */
    User create(String username, String passwordHash);

    /** The user with that name, or empty. */
    Optional<User> findByUsername(String username);

    /** Replaces the password hash; false when the user does not exist. */
    boolean updatePasswordHash(long id, String passwordHash);
}
