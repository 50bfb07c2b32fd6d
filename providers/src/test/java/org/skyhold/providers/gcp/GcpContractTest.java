package org.skyhold.providers.gcp;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.VmProviderContract;

/** The provider contract for the {@code gcp} kind: google-cloud-compute against the fake Google APIs. */
class GcpContractTest extends VmProviderContract {
    FakeGcp fake;
    VmProvider provider;

    @BeforeEach
    void fake() {
        fake = FakeGcp.start(GcpTestSettings.KEY.getPublic(), GcpTestSettings.CLIENT_EMAIL).sampleProject();
        provider = new GcpVmKind().create(GcpTestSettings.vm(fake, Map.of()));
    }

    @AfterEach
    void stop() throws Exception {
        ((AutoCloseable) provider).close();
        fake.close();
    }

    @Override
    protected VmProvider provider() {
        return provider;
    }

    @Override
    protected void boot(String instanceId) {
        fake.boot(instanceId);
    }

    @Override
    protected void finishDeletes() {
        fake.settle();
    }

    @Override
    protected int vmCount() {
        return fake.instances().size();
    }

    /** n1-standard-8 with the example's one T4. */
    @Override
    protected Capacity agentSize() {
        return new Capacity(8, 1, 30720);
    }
}
