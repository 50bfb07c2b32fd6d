package org.skyhold.providers.oci;

import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.core.model.Shape;
import com.oracle.bmc.core.requests.ListShapesRequest;
import com.oracle.bmc.core.responses.ListShapesResponse;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * The size of one agent of the configured shape, read from {@code ListShapes} before any instance exists. An OCPU
 * is two vCPUs on x86 shapes and one on Arm (Ampere) shapes, which is what an agent's check-in reports as cores; a
 * flexible shape takes the configured OCPUs and memory (memory, when not set, in the shape's own ratio).
 */
final class OciShapeSize {
    private OciShapeSize() {
    }

    static Capacity lookUp(OciVmSettings settings, ComputeClient compute, OciErrors errors) {
        String page = null;
        do {
            String p = page;
            ListShapesResponse r = errors.call("OCI Compute", () -> compute.listShapes(ListShapesRequest.builder()
                    .compartmentId(settings.compartment()).availabilityDomain(settings.availabilityDomain())
                    .imageId(settings.image()).page(p).build()));
            for (Shape shape : r.getItems()) {
                if (settings.shape().equals(shape.getShape())) {
                    return of(shape, settings);
                }
            }
            page = r.getOpcNextPage();
        } while (page != null);
        throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "OCI offers no shape " + settings.shape()
                + " for the image in " + settings.availabilityDomain());
    }

    static Capacity of(Shape shape, OciVmSettings settings) {
        double shapeOcpus = shape.getOcpus() == null ? 1 : shape.getOcpus();
        double shapeMemory = shape.getMemoryInGBs() == null ? 0 : shape.getMemoryInGBs();
        double ocpus = settings.flexOcpus() != null ? settings.flexOcpus() : shapeOcpus;
        double memoryGb = settings.flexMemoryGb() != null ? settings.flexMemoryGb()
                : settings.flexOcpus() != null ? ocpus * shapeMemory / shapeOcpus : shapeMemory;
        boolean arm = shape.getProcessorDescription() != null && shape.getProcessorDescription().contains("Ampere");
        int vcpus = (int) Math.round(ocpus * (arm ? 1 : 2));
        return new Capacity(vcpus, shape.getGpus() == null ? 0 : shape.getGpus(), Math.round(memoryGb * 1024));
    }
}
