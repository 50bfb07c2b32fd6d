package org.skyhold.domain.provider;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;

/**
 * One cloud account's VMs, as configured by one VM provider config.
 *
 * <p><b>Never wait on the cloud.</b> Every method makes a bounded number of requests and returns as soon as the
 * cloud has answered them: none waits for a long-running operation, for a VM to boot or to stop, and none sleeps
 * between polls. What changes afterwards is followed through {@link #describe}. Every method blocks the calling
 * thread for the duration of its requests only (the engine runs creates and deletes on its actuator, never on a
 * zone's loop, and wraps every provider with a call timeout). A failed call throws {@link ProviderException} with
 * a classified error; no method retries a refused request on its own beyond a short transport-level retry (the
 * engine backs off by error class and paces calls by the throttling it sees). Implementations are thread-safe:
 * the engine calls one provider from several threads at once.
 */
public interface VmProvider {
    /**
     * Asks the cloud for one VM and returns once the cloud has accepted the request: an instance id (or an
     * operation to follow under that id) in state {@link VmState#CREATING}, IPs possibly unknown. It never waits
     * for the VM to run; {@link #describe} follows it. Blocking (one request, plus lookups the request needs).
     * Idempotent where the cloud supports it: a second call with the same {@link VmSpec#idempotencyKey()}
     * returns the instance of the first instead of creating another; where it does not, a retried create can make
     * a second VM, which the sweeper removes.
     *
     * @return the instance as the cloud answered
     */
    VmInstance create(VmSpec spec);

    /**
     * Asks again for the VM of a {@link #create} whose answer was lost (a timeout, a reset; see
     * {@link LostAnswers}): returns the VM the lost call made, or makes it when that call never took effect. Same
     * contract as {@code create}, with the same {@code spec}. The default repeats {@code create}, which a cloud
     * that honours the idempotency key answers with the first VM (EC2's client token, OCI's retry token); a kind
     * whose cloud takes no key looks the VM up by the agent's tag first.
     */
    default VmInstance retryCreate(VmSpec spec) {
        return create(spec);
    }

    /**
     * Asks the cloud to delete the VM and returns once the request is accepted, not when the VM is gone
     * ({@link #describe} shows {@link VmState#DELETING} until then). Blocking (one request). Idempotent: a VM
     * that is already gone, being deleted, or never existed is success.
     */
    void delete(String instanceId);

    /**
     * The VM's state and IPs as the cloud shows them now, or empty when the cloud says it does not exist
     * (terminated long ago, or never). Blocking (one request), read-only, so idempotent.
     */
    Optional<VmInstance> describe(String instanceId);

    /**
     * Every VM (in any state but gone) that carries this installation's tag, across all pages of the cloud's
     * listing; for recovery after a crash and for the sweeper. Blocking (one request per page), read-only.
     */
    List<VmInstance> listTagged(String installationId);

    /**
     * Asks the cloud the size of one agent of this provider (the instance type's, size's or shape's vCPUs, GPUs
     * and memory), so the engine can order a burst before any agent has checked in. Blocking (one or two
     * read-only requests), idempotent; afterwards {@link #expectedCapacity()} returns the same size.
     *
     * @throws ProviderException when the cloud cannot tell (the size unknown, credentials refused)
     */
    Capacity lookupCapacity();

    /**
     * The size one new VM of this provider will have, when this client already knows it (configured, or
     * learned by {@link #lookupCapacity()} or a connection test); empty otherwise. Non-blocking: no request.
     */
    default Optional<Capacity> expectedCapacity() {
        return Optional.empty();
    }

    /**
     * Checks the credentials and the configured resources (image, network, ...) without creating anything.
     * Blocking (a few read-only requests), idempotent.
     *
     * @return a sentence for the operator on success
     * @throws ProviderException naming what is wrong
     */
    String testConnection();
}
