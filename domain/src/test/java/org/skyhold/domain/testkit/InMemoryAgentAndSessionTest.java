package org.skyhold.domain.testkit;

import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.testkit.contract.AgentAndSessionContract;

/** The kit's agents and sessions keep the contract the Postgres ones keep (JdbiAgentAndSessionTest). */
class InMemoryAgentAndSessionTest extends AgentAndSessionContract {
    private InMemoryDatabase db;

    @Override
    protected void reset() {
        db = new InMemoryDatabase(TestClock.at(T0));
    }

    @Override
    protected AgentRepository agents() {
        return db.agents;
    }

    @Override
    protected SessionRepository sessions() {
        return db.sessions;
    }

    @Override
    protected long zone(ZoneSettings settings) {
        return db.zones.create(settings).id();
    }

    @Override
    protected long image(String name, Capacity reservation) {
        return db.images.create(name, reservation).id();
    }
}
