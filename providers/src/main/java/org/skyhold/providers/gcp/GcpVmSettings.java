package org.skyhold.providers.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;

/**
 * The {@code gcp} VM kind's settings, read once through {@link GcpFields}; the same reader runs when the settings
 * are saved and when a provider is built. Optional values are null (or empty) when unset.
 *
 * @param endpoint {@code scheme://host:port} of Compute, or null for Google's
 */
record GcpVmSettings(GoogleCredentials credentials, String project, String region, String zone, String machineType,
                     String image, Integer bootDiskGb, String diskType, String cmek, String network,
                     String subnetwork, boolean publicIp, List<String> networkTags, Map<String, String> labels,
                     Map<String, String> metadata, Map<String, Object> serviceAccount, List<Accelerator> accelerators,
                     Map<String, Object> override, String endpoint) {

    /** A guest accelerator: its type as the operator wrote it and how many. */
    record Accelerator(String type, int count) {
    }

    /**
     * @throws InvalidFieldException naming the field at fault
     */
    static GcpVmSettings read(KindSettings settings) {
        ProviderFields f = settings.fields();
        GoogleCredentials credentials = GcpCredentials.read(settings);
        String project = text(f, GcpFields.PROJECT, true);
        String region = text(f, GcpFields.REGION, true);
        String zone = text(f, GcpFields.ZONE, true);
        if (!zone.startsWith(region + "-")) {
            throw new InvalidFieldException(GcpFields.ZONE.name(), "must be a zone of the region " + region
                    + ", such as " + region + "-a");
        }
        Long disk = f.integer(GcpFields.BOOT_VOLUME_GB);
        if (disk != null && (disk < GcpFields.BOOT_VOLUME_GB.min() || disk > GcpFields.BOOT_VOLUME_GB.max())) {
            throw new InvalidFieldException(GcpFields.BOOT_VOLUME_GB.name(), "must be between "
                    + GcpFields.BOOT_VOLUME_GB.min() + " and " + GcpFields.BOOT_VOLUME_GB.max());
        }
        String diskType = text(f, GcpFields.DISK_TYPE, false);
        if (diskType != null && !GcpFields.DISK_TYPE.choices().contains(diskType)) {
            throw new InvalidFieldException(GcpFields.DISK_TYPE.name(), "must be one of "
                    + String.join(", ", GcpFields.DISK_TYPE.choices()));
        }
        Map<String, String> labels = checked(GcpFields.CUSTOM_LABELS, f.stringMap(GcpFields.CUSTOM_LABELS));
        Map<String, Object> override = object(f, GcpFields.CONFIG_OVERRIDE);
        Map<String, Object> account = object(f, GcpFields.SERVICE_ACCOUNT);
        return new GcpVmSettings(credentials, project, region, zone, text(f, GcpFields.MACHINE_TYPE, true),
                text(f, GcpFields.IMAGE, true), disk == null ? null : disk.intValue(), diskType,
                text(f, GcpFields.CMEK, false), text(f, GcpFields.NETWORK, false), text(f, GcpFields.SUBNETWORK, false),
                Boolean.TRUE.equals(f.bool(GcpFields.PUBLIC_IP)), f.strings(GcpFields.NETWORK_TAGS), labels,
                metadata(f), account, accelerators(f), override, GcpEndpoints.compute(settings.endpoint()));
    }

    /** A text field, checked against the spec's pattern; null when unset and not required. */
    static String text(ProviderFields f, FieldSpec spec, boolean required) {
        String v = required ? f.requiredText(spec) : f.text(spec);
        if (v != null && spec.pattern() != null && !spec.pattern().matcher(v).matches()) {
            throw new InvalidFieldException(spec.name(), "must be " + spec.patternHint());
        }
        return v;
    }

    private static <T> T checked(FieldSpec spec, T value) {
        try {
            spec.check().check(value);
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(spec.name(), e.getMessage());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(ProviderFields f, FieldSpec spec) {
        Object v = f.json(spec);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new InvalidFieldException(spec.name(), "must be a JSON object");
        }
        return checked(spec, (Map<String, Object>) v);
    }

    private static Map<String, String> metadata(ProviderFields f) {
        Object v = checked(GcpFields.METADATA, f.json(GcpFields.METADATA));
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> m) || !(m.get("key") instanceof String k)
                        || !(m.get("value") instanceof String val)) {
                    throw new InvalidFieldException(GcpFields.METADATA.name(),
                            "must be a JSON list of {\"key\": ..., \"value\": ...} objects");
                }
                out.put(k, val);
            }
        }
        return out;
    }

    private static List<Accelerator> accelerators(ProviderFields f) {
        Object v = checked(GcpFields.ACCELERATORS, f.json(GcpFields.ACCELERATORS));
        List<Accelerator> out = new ArrayList<>();
        if (v instanceof List<?> items) {
            for (Object item : items) {
                Map<?, ?> m = (Map<?, ?>) item;
                out.add(new Accelerator((String) m.get("acceleratorType"), ((Number) m.get("acceleratorCount"))
                        .intValue()));
            }
        }
        return out;
    }
}
