package org.skyhold.providers.oci;

import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.core.VirtualNetworkClient;
import com.oracle.bmc.core.model.Shape;
import com.oracle.bmc.core.model.Subnet;
import com.oracle.bmc.core.requests.GetImageRequest;
import com.oracle.bmc.core.requests.GetSubnetRequest;
import com.oracle.bmc.core.requests.ListShapesRequest;
import com.oracle.bmc.core.responses.ListShapesResponse;
import com.oracle.bmc.identity.IdentityClient;
import com.oracle.bmc.identity.model.AvailabilityDomain;
import com.oracle.bmc.identity.model.User;
import com.oracle.bmc.identity.requests.GetUserRequest;
import com.oracle.bmc.identity.requests.ListAvailabilityDomainsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/**
 * Test connection of an {@code oci} VM provider, without creating anything: the user can be read (so the key
 * signs), the availability domains can be read and include the configured one, the shape is offered there for the
 * image, and the image and subnet exist.
 */
final class OciConnectionCheck {
    private final OciVmSettings s;
    private final ComputeClient compute;
    private final VirtualNetworkClient network;
    private final IdentityClient identity;
    private final OciErrors errors;

    OciConnectionCheck(OciVmSettings s, ComputeClient compute, VirtualNetworkClient network, IdentityClient identity,
                       OciErrors errors) {
        this.s = s;
        this.compute = compute;
        this.network = network;
        this.identity = identity;
        this.errors = errors;
    }

    String run() {
        User user = errors.call("OCI Identity", () -> identity.getUser(GetUserRequest.builder()
                .userId(s.credentials().user()).build()).getUser());
        List<String> ads = errors.call("OCI Identity", () -> identity.listAvailabilityDomains(
                ListAvailabilityDomainsRequest.builder().compartmentId(s.credentials().tenancy()).build()).getItems())
                .stream().map(AvailabilityDomain::getName).toList();
        if (!ads.contains(s.availabilityDomain())) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "availability domain "
                    + s.availabilityDomain() + " is not one of the tenancy's in " + s.credentials().region() + " ("
                    + String.join(", ", ads) + ")");
        }
        named("image " + s.image(), () -> errors.call("OCI Compute", () -> compute.getImage(
                GetImageRequest.builder().imageId(s.image()).build())));
        Subnet subnet = named("subnet " + s.subnet(), () -> errors.call("OCI VirtualNetwork",
                () -> network.getSubnet(GetSubnetRequest.builder().subnetId(s.subnet()).build()).getSubnet()));
        List<Shape> shapes = shapes();
        if (shapes.stream().noneMatch(sh -> s.shape().equals(sh.getShape()))) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "shape " + s.shape() + " is not offered for"
                    + " image " + s.image() + " in " + s.availabilityDomain() + " (offered: "
                    + shapes.stream().map(Shape::getShape).distinct().limit(12).collect(Collectors.joining(", "))
                    + ")");
        }
        boolean publicIp = !Boolean.TRUE.equals(subnet.getProhibitPublicIpOnVnic());
        return "Connected to OCI in " + s.credentials().region() + " as " + (user.getName() == null
                ? s.credentials().user() : user.getName()) + ": availability domain " + s.availabilityDomain()
                + " found; shape " + s.shape() + " offered there for image " + s.image() + "; subnet " + s.subnet()
                + " exists (" + (publicIp ? "agents get a public IP" : "private: agents get no public IP") + ").";
    }

    /** A failed look-up of a configured resource says which one OCI did not find or let us read. */
    private static <T> T named(String what, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ProviderException e) {
            throw new ProviderException(e.errorClass(), what + ": " + e.getMessage(), e.retryAfter(), e);
        }
    }

    private List<Shape> shapes() {
        List<Shape> out = new ArrayList<>();
        String page = null;
        do {
            String p = page;
            ListShapesResponse r = errors.call("OCI Compute", () -> compute.listShapes(ListShapesRequest.builder()
                    .compartmentId(s.compartment()).availabilityDomain(s.availabilityDomain()).imageId(s.image())
                    .page(p).build()));
            out.addAll(r.getItems());
            page = r.getOpcNextPage();
        } while (page != null);
        return out;
    }
}
