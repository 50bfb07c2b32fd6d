package org.skyhold.providers.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/** The VM size as the region's resource SKUs describe it: offered or not, and its vCPUs, GPUs and memory. */
final class AzureSizes {
    static final String COMPUTE = "Azure Compute";

    private AzureSizes() {
    }

    /**
     * The SKU of {@code size} in {@code region}, one listing of the region's SKUs.
     *
     * @throws ProviderException BAD_CONFIG when the region has no such size, CAPACITY when it is restricted for
     *                           this subscription there ({@code NotAvailableForSubscription})
     */
    static ResourceSkuInner sku(ComputeManagementClient compute, String region, String size) {
        List<ResourceSkuInner> skus = AzureErrors.call(COMPUTE, () -> compute.getResourceSkus()
                .list("location eq '" + region + "'", null, Context.NONE).stream()
                .filter(s -> "virtualMachines".equals(s.resourceType())).toList());
        ResourceSkuInner sku = skus.stream().filter(s -> size.equalsIgnoreCase(s.name())).findFirst()
                .orElseThrow(() -> new ProviderException(ProviderErrorClass.BAD_CONFIG, "VM size " + size
                        + " is not offered in " + region + " (" + skus.size() + " sizes are)"));
        List<ResourceSkuRestrictions> restrictions = sku.restrictions() == null ? List.of() : sku.restrictions();
        for (ResourceSkuRestrictions r : restrictions) {
            if (r.type() != null && "Location".equals(r.type().toString())) {
                throw new ProviderException(ProviderErrorClass.CAPACITY, "VM size " + size + " is restricted in "
                        + region + " for this subscription (" + r.reasonCode() + ")");
            }
        }
        return sku;
    }

    static Capacity capacity(ResourceSkuInner sku) {
        Optional<Double> cores = number(sku, "vCPUs");
        Optional<Double> memoryGb = number(sku, "MemoryGB");
        if (cores.isEmpty() || memoryGb.isEmpty()) {
            throw new ProviderException(ProviderErrorClass.OTHER, "Azure did not tell the vCPUs and memory of VM size "
                    + sku.name());
        }
        return new Capacity(cores.get().intValue(), number(sku, "GPUs").orElse(0.0).intValue(),
                Math.round(memoryGb.get() * 1024));
    }

    private static Optional<Double> number(ResourceSkuInner sku, String name) {
        List<ResourceSkuCapabilities> caps = sku.capabilities() == null ? List.of() : sku.capabilities();
        return caps.stream().filter(c -> name.equals(c.name()) && c.value() != null).findFirst().map(c -> {
            try {
                return Double.valueOf(c.value());
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }
}
