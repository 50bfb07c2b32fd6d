package org.skyhold.providers.oci;

import com.oracle.bmc.core.model.CreateVnicDetails;
import com.oracle.bmc.core.model.InstanceSourceViaImageDetails;
import com.oracle.bmc.core.model.LaunchInstanceDetails;
import com.oracle.bmc.core.model.LaunchInstanceShapeConfigDetails;
import com.oracle.bmc.core.requests.LaunchInstanceRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmSpec;

/** The LaunchInstance request of one agent, from the provider's settings and the agent's spec. */
final class OciLaunch {
    /** The most bytes of user data before base64: OCI allows 32,000 bytes of base64 metadata in all. */
    static final int USER_DATA_LIMIT = 24_000;
    private static final Pattern PLAIN_TOKEN = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private OciLaunch() {
    }

    static LaunchInstanceRequest request(OciVmSettings s, VmSpec spec) {
        byte[] userData = spec.userData() == null ? new byte[0] : spec.userData().getBytes(StandardCharsets.UTF_8);
        if (userData.length > USER_DATA_LIMIT) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the rendered startup script is "
                    + userData.length + " bytes; OCI takes at most " + USER_DATA_LIMIT);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (s.sshPublicKey() != null) {
            metadata.put("ssh_authorized_keys", s.sshPublicKey());
        }
        if (userData.length > 0) {
            metadata.put("user_data", Base64.getEncoder().encodeToString(userData));
        }
        Map<String, String> tags = new LinkedHashMap<>(s.customTags());
        tags.putAll(spec.tags()); // Skyhold's own win: the sweeper and recovery find agents by them
        LaunchInstanceDetails.Builder details = LaunchInstanceDetails.builder()
                .compartmentId(s.compartment())
                .availabilityDomain(s.availabilityDomain())
                .displayName(spec.hostname())
                .shape(s.shape())
                .sourceDetails(InstanceSourceViaImageDetails.builder().imageId(s.image())
                        .bootVolumeSizeInGBs(s.bootVolumeGb() == null ? null : s.bootVolumeGb().longValue()).build())
                // no assignPublicIp: OCI then gives the VNIC a public IP exactly when the subnet allows one
                .createVnicDetails(CreateVnicDetails.builder().subnetId(s.subnet()).build())
                .metadata(metadata)
                .freeformTags(tags);
        if (s.flexOcpus() != null) {
            details.shapeConfig(LaunchInstanceShapeConfigDetails.builder().ocpus(s.flexOcpus().floatValue())
                    .memoryInGBs(s.flexMemoryGb() == null ? null : s.flexMemoryGb().floatValue()).build());
        }
        return LaunchInstanceRequest.builder().launchInstanceDetails(details.build())
                .opcRetryToken(retryToken(spec.idempotencyKey())).build();
    }

    /**
     * The {@code opc-retry-token} of a create: the idempotency key itself when OCI takes it as it is (at most 64
     * characters of letters, digits, - and _), else its SHA-256 in hex. Without one the SDK would make up a random
     * token per call, and a retried launch would be a second instance.
     */
    static String retryToken(String idempotencyKey) {
        if (PLAIN_TOKEN.matcher(idempotencyKey).matches()) {
            return idempotencyKey;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
