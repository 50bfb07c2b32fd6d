package org.skyhold.providers.gcp;

import com.google.cloud.compute.v1.AcceleratorConfig;
import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.CustomerEncryptionKey;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Scheduling;
import com.google.cloud.compute.v1.ServiceAccount;
import com.google.cloud.compute.v1.Tags;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.skyhold.domain.provider.VmSpec;

/** Builds the {@code instances.insert} request of one agent from the settings (every field of the kind). */
final class GcpInsert {
    /** GCP takes 256 KB per metadata value; the startup script is one. */
    static final int USER_DATA_LIMIT = 262_144;
    static final String STARTUP_SCRIPT = "startup-script";

    private GcpInsert() {
    }

    static InsertInstanceRequest request(GcpVmSettings s, VmSpec spec) {
        Instance.Builder i = Instance.newBuilder().setName(name(spec))
                .setMachineType("zones/" + s.zone() + "/machineTypes/" + s.machineType())
                .addDisks(bootDisk(s)).addNetworkInterfaces(networkInterface(s)).putAllLabels(labels(s, spec))
                .setMetadata(metadata(s, spec));
        if (!s.networkTags().isEmpty()) {
            i.setTags(Tags.newBuilder().addAllItems(s.networkTags()));
        }
        if (!s.serviceAccount().isEmpty()) {
            Object scopes = s.serviceAccount().get("scopes");
            ServiceAccount.Builder account = ServiceAccount.newBuilder()
                    .setEmail((String) s.serviceAccount().get("email"));
            if (scopes instanceof List<?> l && !l.isEmpty()) {
                l.forEach(scope -> account.addScopes(scope.toString()));
            } else {
                account.addAllScopes(GcpCredentials.SCOPES);
            }
            i.addServiceAccounts(account);
        }
        for (GcpVmSettings.Accelerator a : s.accelerators()) {
            i.addGuestAccelerators(AcceleratorConfig.newBuilder().setAcceleratorType(acceleratorType(s, a.type()))
                    .setAcceleratorCount(a.count()));
        }
        if (!s.accelerators().isEmpty()) {
            // GPUs cannot move with a live migration, so the VM stops for host maintenance
            i.setScheduling(Scheduling.newBuilder().setOnHostMaintenance("TERMINATE"));
        }
        return InsertInstanceRequest.newBuilder().setProject(s.project()).setZone(s.zone())
                .setRequestId(requestId(spec)).setInstanceResource(GcpOverride.merge(i.build(), s.override())).build();
    }

    /** The instance name (also Skyhold's instance id): the agent's host name in GCE's name syntax. */
    static String name(VmSpec spec) {
        String n = spec.hostname().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        n = n.length() > 63 ? n.substring(0, 63) : n;
        return Character.isLetter(n.charAt(0)) ? n.replaceAll("-+$", "") : "a" + n.substring(0, n.length() - 1);
    }

    /** A name-based UUID of the idempotency key: a retried insert is the same request to GCE. */
    static String requestId(VmSpec spec) {
        return UUID.nameUUIDFromBytes(("skyhold-insert:" + spec.idempotencyKey()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Skyhold's tags (in GCP's label syntax), then the custom labels. */
    static Map<String, String> labels(GcpVmSettings s, VmSpec spec) {
        Map<String, String> out = new TreeMap<>();
        spec.tags().forEach((k, v) -> out.put(k, labelValue(v)));
        out.putAll(s.labels());
        return out;
    }

    /** A label value: lower case, characters GCP does not take as {@code _}, at most 63. */
    static String labelValue(String v) {
        String l = v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return l.length() > 63 ? l.substring(0, 63) : l;
    }

    private static AttachedDisk bootDisk(GcpVmSettings s) {
        AttachedDiskInitializeParams.Builder init = AttachedDiskInitializeParams.newBuilder()
                .setSourceImage(s.image());
        if (s.bootDiskGb() != null) {
            init.setDiskSizeGb(s.bootDiskGb());
        }
        if (s.diskType() != null) {
            init.setDiskType("zones/" + s.zone() + "/diskTypes/" + s.diskType());
        }
        AttachedDisk.Builder disk = AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setType("PERSISTENT")
                .setInitializeParams(init);
        if (s.cmek() != null) {
            disk.setDiskEncryptionKey(CustomerEncryptionKey.newBuilder().setKmsKeyName(s.cmek()));
        }
        return disk.build();
    }

    private static NetworkInterface networkInterface(GcpVmSettings s) {
        NetworkInterface.Builder nic = NetworkInterface.newBuilder();
        if (s.network() != null) {
            nic.setNetwork(path(s.network(), "projects/" + s.project() + "/global/networks/"));
        } else if (s.subnetwork() == null) {
            nic.setNetwork("projects/" + s.project() + "/global/networks/default");
        }
        if (s.subnetwork() != null) {
            nic.setSubnetwork(path(s.subnetwork(), "projects/" + s.project() + "/regions/" + s.region()
                    + "/subnetworks/"));
        }
        if (s.publicIp()) {
            nic.addAccessConfigs(AccessConfig.newBuilder().setName("External NAT").setType("ONE_TO_ONE_NAT"));
        }
        return nic.build();
    }

    private static Metadata metadata(GcpVmSettings s, VmSpec spec) {
        Metadata.Builder m = Metadata.newBuilder();
        s.metadata().forEach((k, v) -> m.addItems(Items.newBuilder().setKey(k).setValue(v)));
        m.addItems(Items.newBuilder().setKey(STARTUP_SCRIPT).setValue(spec.userData()));
        return m.build();
    }

    /** A bare accelerator type ({@code nvidia-tesla-t4}) is the zone's; a path or URL is kept. */
    static String acceleratorType(GcpVmSettings s, String type) {
        return type.contains("/") ? type : "projects/" + s.project() + "/zones/" + s.zone() + "/acceleratorTypes/"
                + type;
    }

    private static String path(String value, String prefix) {
        return value.contains("/") ? value : prefix + value;
    }
}
