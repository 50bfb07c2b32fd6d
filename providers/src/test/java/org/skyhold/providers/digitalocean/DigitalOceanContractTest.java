package org.skyhold.providers.digitalocean;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.VmProviderContract;

/** The provider contract for the {@code digitalocean} kind, against the fake DigitalOcean API. */
class DigitalOceanContractTest extends VmProviderContract {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    FakeDigitalOcean fake;
    VmProvider provider;

    @BeforeEach
    void start() {
        fake = FakeDigitalOcean.start(clock).sampleAccount();
        provider = new DigitalOceanVmProviderTest().withFake(fake).provider();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Override
    protected VmProvider provider() {
        return provider;
    }

    @Override
    protected void boot(String instanceId) {
        fake.boot(Long.parseLong(instanceId));
    }

    @Override
    protected void finishDeletes() {
        // the API removes a droplet when it accepts its deletion
    }

    /** The droplet API has no idempotency key; a create retries only after looking for the agent's tag. */
    @Override
    protected boolean cloudTakesAnIdempotencyKey() {
        return false;
    }

    @Override
    protected int vmCount() {
        return fake.droplets().size();
    }

    @Override
    protected Capacity agentSize() {
        return new Capacity(4, 0, 8192);
    }
}
