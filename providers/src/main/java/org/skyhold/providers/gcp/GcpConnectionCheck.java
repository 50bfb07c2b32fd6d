package org.skyhold.providers.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.MachineType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.ProviderException;

/**
 * The {@code gcp} VM provider's connection test: the project is readable with the key, the machine type is offered
 * in the zone, and the image, network and subnetwork exist. Read-only; each failure names what was checked. The
 * sentence on success names the configured resources and the machine type's numbers, never text of the answers
 * (the endpoint may be any host an operator typed).
 */
final class GcpConnectionCheck {
    private static final Pattern IMAGE = Pattern.compile("projects/([^/]+)/global/images/(family/)?([^/]+)$");
    private static final Pattern NAMED = Pattern.compile("projects/([^/]+)/(global|regions/([^/]+))/[a-z]+/([^/]+)$");

    private final GcpVmSettings s;
    private final GcpClients clients;
    private final GcpVmProvider provider;

    GcpConnectionCheck(GcpVmSettings settings, GcpClients clients, GcpVmProvider provider) {
        this.s = settings;
        this.clients = clients;
        this.provider = provider;
    }

    String run() {
        List<String> found = new ArrayList<>();
        check("project " + s.project(), () -> clients.projects.get(s.project()));
        found.add("project " + s.project() + " readable");
        MachineType type = check("machine type " + s.machineType() + " in " + s.zone(),
                () -> clients.machineTypes.get(s.project(), s.zone(), s.machineType()));
        Capacity size = provider.size(type);
        found.add("machine type " + s.machineType() + " offered in " + s.zone() + " (" + size.cores() + " vCPUs, "
                + size.memoryMb() + " MB" + (size.gpus() > 0 ? ", " + size.gpus() + " GPUs" : "") + ")");
        Matcher image = IMAGE.matcher(s.image());
        if (image.find()) {
            check("image " + s.image(), () -> image.group(2) == null
                    ? clients.images.get(image.group(1), image.group(3))
                    : clients.images.getFromFamily(image.group(1), image.group(3)));
            found.add("image " + s.image() + " found");
        } else {
            found.add("image " + s.image() + " not checked (not a projects/P/global/images/NAME path)");
        }
        String network = s.network() != null ? s.network() : s.subnetwork() == null ? "default" : null;
        if (network != null) {
            String[] pn = projectAndName(network, s.project());
            check("network " + network, () -> clients.networks.get(pn[0], pn[1]));
            found.add("network " + network + " found");
        }
        if (s.subnetwork() != null) {
            String[] pn = projectAndName(s.subnetwork(), s.project());
            check("subnetwork " + s.subnetwork() + " in " + s.region(),
                    () -> clients.subnetworks.get(pn[0], s.region(), pn[1]));
            found.add("subnetwork " + s.subnetwork() + " found in " + s.region());
        }
        return "Connected to Compute Engine: " + String.join("; ", found) + ".";
    }

    /** The project and name of a network or subnetwork given by name or by path. */
    private static String[] projectAndName(String value, String project) {
        Matcher m = NAMED.matcher(value);
        return m.find() ? new String[] {m.group(1), m.group(4)} : new String[] {project, value};
    }

    private static <T> T check(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw GcpVmProvider.naming(what, GcpErrors.of(e));
        } catch (ProviderException e) {
            throw GcpVmProvider.naming(what, e);
        }
    }
}
