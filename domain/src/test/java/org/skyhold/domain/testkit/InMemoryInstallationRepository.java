package org.skyhold.domain.testkit;

import org.skyhold.domain.port.InstallationRepository;

/** {@link InstallationRepository} in memory: the first candidate wins, for every caller ever after. */
public final class InMemoryInstallationRepository implements InstallationRepository {
    private final InMemoryDatabase db;
    private String id;

    InMemoryInstallationRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public String idOrCreate(String candidate) {
        synchronized (db.lock) {
            if (id == null) {
                id = candidate;
            }
            return id;
        }
    }
}
