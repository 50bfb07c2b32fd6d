package org.skyhold.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's long-running operations speak Azure's protocol: the SDK's own poller (which Skyhold does not use; it
 * follows VMs through describe) follows a VM's {@code Azure-AsyncOperation} with the fake's short
 * {@code Retry-After} to success, and to the failure Azure reports for an allocation that failed late.
 */
class FakeAzureAsyncOperationTest {
    FakeAzure azure;
    AzureClients clients;
    ComputeManagementClient compute;

    @BeforeEach
    void start() {
        TestTls.trustInJvm();
        azure = FakeAzure.start(AzureTestSettings.SECRET);
        AzureVmSettings s = AzureVmSettings.read(AzureTestSettings.vm(azure, Map.of()));
        clients = new AzureClients(s.account());
        compute = ComputeManager.authenticate(clients.pipeline, clients.profile).serviceClient();
    }

    @AfterEach
    void stop() {
        clients.close();
        azure.close();
    }

    private SyncPoller<PollResult<VirtualMachineInner>, VirtualMachineInner> begin(String agent) {
        AzureVmSettings s = AzureVmSettings.read(AzureTestSettings.vm(azure, Map.of()));
        VirtualMachineInner vm = AzureVmRequest.model(AzureVmRequest.json(s, AzureTestSettings.spec("i", agent)));
        return compute.getVirtualMachines().beginCreateOrUpdate(FakeAzure.GROUP, "skyhold-" + agent, vm);
    }

    @Test
    void theSdksPollerFollowsTheOperationToSuccess() {
        SyncPoller<PollResult<VirtualMachineInner>, VirtualMachineInner> poller = begin("ag0000000030");
        assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        azure.boot("skyhold-ag0000000030");
        assertThat(poller.waitForCompletion(Duration.ofSeconds(20)).getStatus())
                .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(poller.getFinalResult().provisioningState()).isEqualTo("Succeeded");
        assertThat(azure.calls("GetOperation")).isNotEmpty().allSatisfy(c ->
                assertThat(c.path()).contains("/providers/Microsoft.Compute/locations/westeurope/operations/"));
    }

    @Test
    void aLateAllocationFailureIsTheOperationsFailure() {
        SyncPoller<PollResult<VirtualMachineInner>, VirtualMachineInner> poller = begin("ag0000000031");
        azure.failProvisioning("skyhold-ag0000000031", "AllocationFailed", "Allocation failed.");
        PollResponse<PollResult<VirtualMachineInner>> done = poller.waitForCompletion(Duration.ofSeconds(20));
        assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThat(done.getValue().getError().getResponseBody()).contains("\"code\":\"AllocationFailed\"");
    }
}
