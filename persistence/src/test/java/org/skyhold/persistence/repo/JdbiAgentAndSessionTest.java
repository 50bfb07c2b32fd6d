package org.skyhold.persistence.repo;

import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.testkit.contract.AgentAndSessionContract;
import org.skyhold.persistence.TestDatabase;

/** The Postgres agents and sessions keep the contract the engine test kit's in-memory ones are held to. */
class JdbiAgentAndSessionTest extends AgentAndSessionContract {
    @Override
    protected void reset() {
        TestDatabase.clean();
    }

    @Override
    protected AgentRepository agents() {
        return new JdbiAgentRepository(Fixtures.jdbi());
    }

    @Override
    protected SessionRepository sessions() {
        return new JdbiSessionRepository(Fixtures.jdbi());
    }

    @Override
    protected long zone(ZoneSettings settings) {
        return new JdbiZoneRepository(Fixtures.jdbi(), Fixtures.CIPHER).create(settings).id();
    }

    @Override
    protected long image(String name, Capacity reservation) {
        return new JdbiImageRepository(Fixtures.jdbi()).create(name, reservation).id();
    }
}
