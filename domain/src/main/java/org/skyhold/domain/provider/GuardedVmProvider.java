package org.skyhold.domain.provider;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;

/**
 * A built VM provider as the engine sees it: every call runs through {@link ProviderCalls}, so an unexpected
 * exception becomes {@code ProviderException(OTHER)} (the engine backs off and fails over as for any cloud error),
 * a hung call ends at the timeout, and every call is measured.
 */
public final class GuardedVmProvider implements VmProvider {
    private final VmProvider inner;
    private final String name;
    private final String kind;
    private final ProviderCalls calls;

    public GuardedVmProvider(VmProvider inner, String name, String kind, ProviderCalls calls) {
        this.inner = inner;
        this.name = name;
        this.kind = kind;
        this.calls = calls;
    }

    /** The provider this one guards. */
    public VmProvider inner() {
        return inner;
    }

    @Override
    public VmInstance create(VmSpec spec) {
        return calls.run(name, kind, "create", () -> inner.create(spec));
    }

    @Override
    public VmInstance retryCreate(VmSpec spec) {
        return calls.run(name, kind, "create", () -> inner.retryCreate(spec));
    }

    @Override
    public void delete(String instanceId) {
        calls.run(name, kind, "delete", () -> {
            inner.delete(instanceId);
            return null;
        });
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        return calls.run(name, kind, "describe", () -> inner.describe(instanceId));
    }

    @Override
    public List<VmInstance> listTagged(String installationId) {
        return calls.run(name, kind, "list_tagged", () -> inner.listTagged(installationId));
    }

    @Override
    public Capacity lookupCapacity() {
        return calls.run(name, kind, "lookup_capacity", inner::lookupCapacity);
    }

    @Override
    public Optional<Capacity> expectedCapacity() {
        return calls.runLocal(name, "expected_capacity", inner::expectedCapacity);
    }

    @Override
    public String testConnection() {
        return calls.run(name, kind, "test_connection", inner::testConnection);
    }
}
