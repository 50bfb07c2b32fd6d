package org.skyhold.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The contract of {@link VmProvider} (never wait on the cloud; describe follows; delete and a retried create are
 * idempotent; a create asked again after a lost answer makes no second VM), run against each VM kind's fake cloud by one subclass per kind.
 */
public abstract class VmProviderContract {
    /** Longer than any fake answers, far shorter than a boot: a create that waited would not fit. */
    private static final Duration QUICK = Duration.ofSeconds(3);
    protected static final String INSTALLATION = "inst-contract";

    /** The provider under test, pointed at this kind's fake cloud. */
    protected abstract VmProvider provider();

    /** The fake cloud finishes booting the VM. */
    protected abstract void boot(String instanceId);

    /** The fake cloud finishes the deletions it accepted. */
    protected abstract void finishDeletes();

    /** How many VMs the fake cloud holds (any state). */
    protected abstract int vmCount();

    /** The size of one agent, as the provider's settings name it in the fake cloud. */
    protected abstract Capacity agentSize();

    /**
     * Whether the cloud takes an idempotency key (EC2's client token); a kind whose cloud has none (DigitalOcean)
     * is idempotent only within one call's own retries, and says so here.
     */
    protected boolean cloudTakesAnIdempotencyKey() {
        return true;
    }

    protected VmSpec spec(String agentId) {
        return new VmSpec(agentId, "skyhold-" + agentId, "#!/bin/sh\necho " + agentId + "\n",
                VmSpec.tags(INSTALLATION, 7, agentId), "skyhold-" + agentId, "http://127.0.0.1:1/checkin", "tok");
    }

    @Test
    void createReturnsAsSoonAsTheCloudAcceptedWithoutWaitingForTheVmToRun() {
        long t0 = System.nanoTime();
        VmInstance made = provider().create(spec("agcontract001"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(QUICK);
        assertThat(made.instanceId()).isNotBlank();
        assertThat(made.state()).as("the VM is still being made").isEqualTo(VmState.CREATING);
        assertThat(provider().describe(made.instanceId())).get().extracting(VmInstance::state)
                .isEqualTo(VmState.CREATING);
    }

    @Test
    void describeFollowsTheVmToRunningWithItsAddress() {
        VmInstance made = provider().create(spec("agcontract002"));
        boot(made.instanceId());
        Optional<VmInstance> seen = provider().describe(made.instanceId());
        assertThat(seen).get().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VmState.RUNNING);
            assertThat(v.privateIp() != null || v.publicIp() != null).as("an address once running").isTrue();
        });
    }

    @Test
    void listTaggedFindsTheVmBySkyholdsTags() {
        VmInstance made = provider().create(spec("agcontract003"));
        assertThat(provider().listTagged(INSTALLATION)).anySatisfy(v -> {
            assertThat(v.instanceId()).isEqualTo(made.instanceId());
            assertThat(v.tags()).containsEntry(VmSpec.TAG_AGENT, "agcontract003")
                    .containsEntry(VmSpec.TAG_INSTALLATION, INSTALLATION);
        });
        assertThat(provider().listTagged("another-installation")).isEmpty();
    }

    @Test
    void aDeletedVmIsGoneAndDeletingItAgainIsSuccess() {
        VmInstance made = provider().create(spec("agcontract004"));
        boot(made.instanceId());
        long t0 = System.nanoTime();
        provider().delete(made.instanceId());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("accepted, not awaited").isLessThan(QUICK);
        finishDeletes();
        Optional<VmInstance> after = provider().describe(made.instanceId());
        assertThat(after.isEmpty() || after.get().state() == VmState.GONE).as(after.toString()).isTrue();
        assertThat(provider().listTagged(INSTALLATION)).noneMatch(v -> v.instanceId().equals(made.instanceId()));
        assertThatCode(() -> provider().delete(made.instanceId())).doesNotThrowAnyException();
    }

    @Test
    void aCreateRetriedWithTheSameIdempotencyKeyMakesNoSecondVm() {
        Assumptions.assumeTrue(cloudTakesAnIdempotencyKey(), "this cloud takes no idempotency key");
        VmInstance first = provider().create(spec("agcontract005"));
        VmInstance again = provider().create(spec("agcontract005"));
        assertThat(again.instanceId()).isEqualTo(first.instanceId());
        assertThat(vmCount()).isEqualTo(1);
    }

    @Test
    void aCreateAskedAgainAfterItsAnswerWasLostReturnsTheVmTheFirstCallMade() {
        // the first call reached the cloud and made the VM; its caller never heard back
        VmInstance first = provider().create(spec("agcontract006"));
        VmInstance again = provider().retryCreate(spec("agcontract006"));
        assertThat(again.instanceId()).isEqualTo(first.instanceId());
        assertThat(vmCount()).as("no second VM, whether or not the cloud takes an idempotency key").isEqualTo(1);
    }

    @Test
    void aCreateAskedAgainWhenTheFirstCallNeverArrivedMakesTheVm() {
        VmInstance made = provider().retryCreate(spec("agcontract007"));
        assertThat(made.instanceId()).isNotBlank();
        assertThat(vmCount()).isEqualTo(1);
    }

    @Test
    void lookupCapacityTellsTheSizeOfOneAgentAndTheProviderRemembersIt() {
        VmProvider p = provider();
        assertThat(p.lookupCapacity()).isEqualTo(agentSize());
        assertThat(p.expectedCapacity()).contains(agentSize());
    }
}
