package org.skyhold.persistence.repo;

import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.port.MaintenanceLock;

/**
 * {@link MaintenanceLock} as a PostgreSQL session advisory lock keyed by the job's name: held by one connection
 * for the duration of the work, so it needs no table and dies with a manager that dies.
 */
public final class JdbiMaintenanceLock implements MaintenanceLock {
    private final Jdbi jdbi;

    public JdbiMaintenanceLock(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean runAlone(String job, Runnable work) {
        return SqlFailures.doing("run " + job).call(() -> jdbi.withHandle(h -> {
            String key = "skyhold:" + job;
            boolean held = h.createQuery("SELECT pg_try_advisory_lock(hashtext(:key))").bind("key", key)
                    .mapTo(Boolean.class).one();
            if (!held) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                h.createQuery("SELECT pg_advisory_unlock(hashtext(:key))").bind("key", key).mapTo(Boolean.class)
                        .one();
            }
        }));
    }
}
