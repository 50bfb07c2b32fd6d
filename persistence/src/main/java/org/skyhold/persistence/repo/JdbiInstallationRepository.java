package org.skyhold.persistence.repo;

import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.port.InstallationRepository;

/**
 * The single row of the {@code installation} table. Writing with {@code ON CONFLICT DO NOTHING} and then reading
 * makes racing managers agree: the losers' inserts wait for the winner's commit and then do nothing, and the
 * following read sees the winner's id.
 */
public final class JdbiInstallationRepository implements InstallationRepository {
    private final Jdbi jdbi;

    public JdbiInstallationRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String idOrCreate(String candidate) {
        return SqlFailures.doing("read or create the installation id").call(() -> jdbi.withHandle(h -> {
            h.createUpdate("INSERT INTO installation (id) VALUES (:id) ON CONFLICT DO NOTHING")
                    .bind("id", candidate).execute();
            return h.createQuery("SELECT id FROM installation").mapTo(String.class).one();
        }));
    }
}
