package org.skyhold.providers.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import java.util.function.Supplier;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.ProviderException;

/**
 * Test connection of an {@code azure} VM provider, without creating anything: a token for the service principal
 * (the first call needs one), the resource group, the VM size offered in the region to this subscription, and the
 * subnet and network security group exist.
 */
final class AzureConnectionCheck {
    private final AzureVmSettings s;
    private final ComputeManagementClient compute;
    private final ResourceManagementClient groups;
    private final NetworkManagementClient network;

    AzureConnectionCheck(AzureVmSettings s, ComputeManagementClient compute, ResourceManagementClient groups,
                         NetworkManagementClient network) {
        this.s = s;
        this.compute = compute;
        this.groups = groups;
        this.network = network;
    }

    String run() {
        String group = s.account().resourceGroup();
        named("resource group " + group, () -> AzureErrors.call("Azure Resource Manager", () -> groups
                .getResourceGroups().getWithResponse(group, Context.NONE).getValue()));
        ResourceSkuInner sku = AzureSizes.sku(compute, s.region(), s.vmSize());
        Capacity size = AzureSizes.capacity(sku);
        String[] subnet = s.subnetId().split("/");
        named("subnet " + s.subnetId(), () -> AzureErrors.call(AzureResources.NETWORK, () -> network.getSubnets()
                .getWithResponse(subnet[4], subnet[8], subnet[10], null, Context.NONE).getValue()));
        if (s.nsgId() != null) {
            String[] nsg = s.nsgId().split("/");
            named("network security group " + s.nsgId(), () -> AzureErrors.call(AzureResources.NETWORK,
                    () -> network.getNetworkSecurityGroups().getByResourceGroupWithResponse(nsg[4], nsg[8], null,
                            Context.NONE).getValue()));
        }
        return "Connected to Azure subscription " + s.account().subscription() + ": resource group " + group
                + " found; VM size " + s.vmSize() + " offered in " + s.region() + " (" + size.cores() + " vCPUs, "
                + size.gpus() + " GPUs, " + size.memoryMb() / 1024 + " GB); subnet "
                + subnet[subnet.length - 1] + (s.nsgId() == null ? "" : " and network security group "
                + s.nsgId().substring(s.nsgId().lastIndexOf('/') + 1)) + " exist"
                + (s.publicIp() ? " (agents get a public IP)." : " (private: agents get no public IP).");
    }

    /** A failed look-up of a configured resource says which one Azure did not find or let us read. */
    private static <T> T named(String what, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ProviderException e) {
            throw new ProviderException(e.errorClass(), what + ": " + e.getMessage(), e.retryAfter(), e,
                    e.httpStatus(), e.cloudCode());
        }
    }
}
