package org.skyhold.providers.oci;

import java.util.Map;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.providers.FieldReader;

/**
 * The {@code oci} VM kind's settings, read once through {@link OciFields}; the same reader runs when the settings
 * are saved and when a provider is built. Optional values are null when unset.
 *
 * @param endpoint one base URL for Compute, VirtualNetwork and Identity, or null for the region's endpoints
 */
record OciVmSettings(OciCredentials credentials, String compartment, String availabilityDomain, String image,
                     String shape, Integer flexOcpus, Integer flexMemoryGb, Integer bootVolumeGb,
                     Map<String, String> customTags, String subnet, String sshPublicKey, String endpoint) {

    /**
     * @throws InvalidFieldException naming the field at fault
     */
    static OciVmSettings read(KindSettings settings) {
        FieldReader f = new FieldReader(settings);
        OciCredentials credentials = OciCredentials.read(settings);
        String shape = f.requiredText(OciFields.SHAPE);
        Integer ocpus = f.integer(OciFields.FLEX_OCPUS);
        Integer memory = f.integer(OciFields.FLEX_MEMORY_GB);
        if (isFlexible(shape) && ocpus == null) {
            throw new InvalidFieldException(OciFields.FLEX_OCPUS.name(), "is required for the flexible shape "
                    + shape);
        }
        if (!isFlexible(shape) && (ocpus != null || memory != null)) {
            throw new InvalidFieldException(ocpus != null ? OciFields.FLEX_OCPUS.name()
                    : OciFields.FLEX_MEMORY_GB.name(), "is only for flexible shapes (….Flex); " + shape
                    + " has a fixed size, so leave it empty");
        }
        Map<String, String> tags = settings.fields().stringMap(OciFields.CUSTOM_TAGS);
        try {
            OciFields.CUSTOM_TAGS.check().check(tags);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(OciFields.CUSTOM_TAGS.name(), e.getMessage());
        }
        return new OciVmSettings(credentials, f.requiredText(OciFields.COMPARTMENT),
                f.requiredText(OciFields.AVAILABILITY_DOMAIN), f.requiredText(OciFields.IMAGE), shape, ocpus, memory,
                f.integer(OciFields.BOOT_VOLUME_GB), tags, f.requiredText(OciFields.SUBNET),
                settings.fields().text(OciFields.SSH_PUBLIC_KEY), f.endpoint());
    }

    /** OCI's flexible shapes are the ones whose name ends in {@code .Flex}; they need a shape config. */
    static boolean isFlexible(String shape) {
        return shape.endsWith(".Flex");
    }
}
