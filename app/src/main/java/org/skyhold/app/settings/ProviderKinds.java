package org.skyhold.app.settings;

import static org.skyhold.app.settings.CloudFields.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.domain.model.VmProviderKind;
import org.skyhold.domain.model.WireEnum;

/** The fields of each VM and DNS provider kind, and each cloud's user-data size limit. */
public final class ProviderKinds {
    private ProviderKinds() {
    }

    private static final Map<VmProviderKind, List<FieldSpec>> VM = Map.of(
            VmProviderKind.AWS, List.of(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_EC2_AMI_ID,
                    AWS_EC2_INSTANCE_TYPE, AWS_EC2_KEY_PAIR_NAME, AWS_EC2_SECURITY_GROUP_IDS, AWS_EC2_SUBNET_ID,
                    AWS_EC2_EBS_VOLUME_SIZE_GB, AWS_EC2_EBS_VOLUME_TYPE, AWS_EC2_IAM, AWS_EC2_CUSTOM_TAGS),
            VmProviderKind.DIGITALOCEAN, List.of(DO_TOKEN, DO_REGION, DO_IMAGE, DO_SIZE, DO_TAGS, DO_SSH_KEY_NAME,
                    DO_FIREWALL_NAME, DO_VPC_UUID),
            VmProviderKind.OCI, List.of(OCI_USER, OCI_FINGERPRINT, OCI_PRIVATE_KEY, OCI_REGION, OCI_TENANCY,
                    OCI_COMPARTMENT, OCI_AD, OCI_IMAGE, OCI_SHAPE, OCI_FLEX_CPUS, OCI_FLEX_MEMORY, OCI_BOOT_VOLUME,
                    OCI_CUSTOM_TAGS, OCI_SUBNET, OCI_SSH_KEY),
            VmProviderKind.GCP, List.of(GCP_CREDENTIALS, GCP_PROJECT, GCP_REGION, GCP_ZONE, GCP_MACHINE_TYPE,
                    GCP_IMAGE, GCP_BOOT_VOLUME, GCP_DISK_TYPE, GCP_CMEK, GCP_NETWORK, GCP_SUBNETWORK, GCP_PUBLIC_IP,
                    GCP_NETWORK_TAGS, GCP_LABELS, GCP_METADATA, GCP_SERVICE_ACCOUNT, GCP_ACCELERATORS,
                    GCP_CONFIG_OVERRIDE),
            VmProviderKind.AZURE, List.of(AZ_SUBSCRIPTION, AZ_RESOURCE_GROUP, AZ_TENANT, AZ_CLIENT_ID,
                    AZ_CLIENT_SECRET, AZ_AUTHORITY, AZ_REGION, AZ_VM_SIZE, AZ_OS_DISK_TYPE, AZ_OS_DISK_SIZE, AZ_IMAGE,
                    AZ_NSG, AZ_SUBNET, AZ_PUBLIC_IP, AZ_TAGS, AZ_OS_USERNAME, AZ_OS_PASSWORD, AZ_SSH_KEY,
                    AZ_CONFIG_OVERRIDE),
            VmProviderKind.SIMULATED, List.of(SIM_CORES, SIM_GPUS, SIM_MEMORY, SIM_BOOT, SIM_FAILURE_RATE));

    private static final Map<DnsProviderKind, List<FieldSpec>> DNS = Map.of(
            DnsProviderKind.ROUTE53, List.of(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY),
            DnsProviderKind.DIGITALOCEAN, List.of(DO_TOKEN),
            DnsProviderKind.OCI, List.of(OCI_USER, OCI_FINGERPRINT, OCI_PRIVATE_KEY, OCI_REGION, OCI_TENANCY,
                    OCI_COMPARTMENT),
            DnsProviderKind.GCP, List.of(GCP_CREDENTIALS, GCP_PROJECT),
            DnsProviderKind.AZURE, List.of(AZ_SUBSCRIPTION, AZ_RESOURCE_GROUP, AZ_TENANT, AZ_CLIENT_ID,
                    AZ_CLIENT_SECRET, AZ_AUTHORITY),
            DnsProviderKind.RFC2136, List.of(RFC2136_SERVER, RFC2136_PORT, RFC2136_KEY_NAME, RFC2136_ALGORITHM,
                    RFC2136_SECRET, RFC2136_PROTOCOL, RFC2136_ZONE),
            DnsProviderKind.SIMULATED, List.of());

    /**
     * The most bytes of user data each cloud accepts, before any base64 the API adds: EC2 16 KB, DigitalOcean
     * 64 KiB, OCI 32,000 bytes of base64 metadata, GCP 256 KB per metadata value, Azure 64 KB of base64.
     */
    private static final Map<VmProviderKind, Integer> USER_DATA_LIMIT = Map.of(
            VmProviderKind.AWS, 16_384,
            VmProviderKind.DIGITALOCEAN, 65_536,
            VmProviderKind.OCI, 24_000,
            VmProviderKind.GCP, 262_144,
            VmProviderKind.AZURE, 49_152,
            VmProviderKind.SIMULATED, 65_536);

    public static List<FieldSpec> fields(VmProviderKind kind) {
        return VM.get(kind);
    }

    public static List<FieldSpec> fields(DnsProviderKind kind) {
        return DNS.get(kind);
    }

    public static int userDataLimit(VmProviderKind kind) {
        return USER_DATA_LIMIT.get(kind);
    }

    /** The spec of a field of the kind, or empty when the kind has no such field. */
    public static Optional<FieldSpec> field(VmProviderKind kind, String name) {
        return VM.get(kind).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The kind named {@code wire} in the input's {@code kind} field; refused with the allowed names. */
    public static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String wire) {
        if (wire == null || wire.isBlank()) {
            throw ValidationException.of("kind", "is required (" + WireEnum.allowed(type) + ")");
        }
        try {
            return WireEnum.fromWire(type, wire.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("kind", e.getMessage());
        }
    }
}
