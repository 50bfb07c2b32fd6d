package org.skyhold.providers.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import java.util.function.Supplier;
import org.skyhold.domain.provider.ProviderException;

/**
 * An agent's resources besides its VM: its NIC (the private address), its public IP (the public address) and its
 * OS disk, found by their names; and the look-ups of the configured subnet and network security group.
 */
final class AzureResources {
    static final String NETWORK = "Azure Network";

    private final String group;
    private final ComputeManagementClient compute;
    private final NetworkManagementClient network;

    AzureResources(String group, ComputeManagementClient compute, NetworkManagementClient network) {
        this.group = group;
        this.compute = compute;
        this.network = network;
    }

    /** The NIC's first private address, or null while it has none (or is gone). */
    String privateIp(AzureNames names) {
        NetworkInterfaceInner nic = orNull(NETWORK, () -> network.getNetworkInterfaces()
                .getByResourceGroupWithResponse(group, names.nic(), null, Context.NONE).getValue());
        if (nic == null || nic.ipConfigurations() == null) {
            return null;
        }
        return nic.ipConfigurations().stream().map(NetworkInterfaceIpConfigurationInner::privateIpAddress)
                .filter(ip -> ip != null && !ip.isBlank()).findFirst().orElse(null);
    }

    /** The public IP's address, or null when the agent has none or Azure has not assigned it yet. */
    String publicIp(AzureNames names) {
        PublicIpAddressInner ip = orNull(NETWORK, () -> network.getPublicIpAddresses()
                .getByResourceGroupWithResponse(group, names.publicIp(), null, Context.NONE).getValue());
        return ip == null || ip.ipAddress() == null || ip.ipAddress().isBlank() ? null : ip.ipAddress();
    }

    /** Whether the NIC, public IP or OS disk of a deleted VM is still there. */
    boolean anyLeft(AzureNames names) {
        return orNull(NETWORK, () -> network.getNetworkInterfaces().getByResourceGroupWithResponse(group,
                names.nic(), null, Context.NONE).getValue()) != null
                || orNull(NETWORK, () -> network.getPublicIpAddresses().getByResourceGroupWithResponse(group,
                names.publicIp(), null, Context.NONE).getValue()) != null
                || orNull(AzureSizes.COMPUTE, () -> compute.getDisks().getByResourceGroupWithResponse(group,
                names.osDisk(), Context.NONE).getValue()) != null;
    }

    /**
     * Deletes the NIC, then the public IP, then the OS disk; a missing one is fine. The public IP cannot go while
     * the NIC being deleted still holds it: that refusal is left for the next call.
     */
    void deleteLeftovers(AzureNames names) {
        gone(NETWORK, () -> AzureVmProvider.drain(network.getNetworkInterfaces().deleteWithResponseAsync(group,
                names.nic())));
        try {
            gone(NETWORK, () -> AzureVmProvider.drain(network.getPublicIpAddresses().deleteWithResponseAsync(group,
                    names.publicIp())));
        } catch (ProviderException e) {
            if (!(e.getCause() instanceof ManagementException m && m.getValue() != null
                    && m.getValue().getCode() != null && m.getValue().getCode().contains("InUse"))) {
                throw e;
            }
        }
        gone(AzureSizes.COMPUTE, () -> AzureVmProvider.drain(compute.getDisks().deleteWithResponseAsync(group,
                names.osDisk())));
    }

    private static <T> T orNull(String service, Supplier<T> get) {
        try {
            return get.get();
        } catch (RuntimeException e) {
            if (AzureErrors.isNotFound(e)) {
                return null;
            }
            throw AzureErrors.of(e, service);
        }
    }

    private static void gone(String service, Supplier<?> delete) {
        orNull(service, delete);
    }
}
