package org.skyhold.domain.provider;

import java.util.List;
import java.util.Optional;

/**
 * One cloud account's VMs, as configured by one VM provider config. Every method blocks on the cloud and
 * throws {@link ProviderException} with a classified error when the cloud fails; none retries on its own
 * (the executor backs off by error class). Implementations are thread-safe.
 */
public interface VmProvider {
    /**
     * Creates one VM. Idempotent where the cloud supports it: a second call with the same
     * {@link VmSpec#idempotencyKey()} returns the instance of the first instead of creating another.
     *
     * @return the instance as the cloud answered (usually {@link VmState#CREATING}, IPs possibly unknown)
     */
    VmInstance create(VmSpec spec);

    /** Deletes the VM. Idempotent: a VM that is already gone (or never existed) is success. */
    void delete(String instanceId);

    /** The VM, or empty when the cloud says it does not exist (terminated long ago, or never). */
    Optional<VmInstance> describe(String instanceId);

    /**
     * Every VM (in any state but gone) that carries this installation's tag, across all pages of the cloud's
     * listing; for recovery after a crash and for the sweeper.
     */
    List<VmInstance> listTagged(String installationId);

    /**
     * The capacity one new VM of this provider will have, when the provider can know it before the VM boots
     * (the simulated kind's configured size); empty when only the agent's check-in will tell. Non-blocking.
     */
    default java.util.Optional<org.skyhold.domain.model.Capacity> expectedCapacity() {
        return java.util.Optional.empty();
    }

    /**
     * Checks the credentials and the configured resources (image, network, ...) without creating anything.
     *
     * @return a sentence for the operator on success
     * @throws ProviderException naming what is wrong
     */
    String testConnection();
}
