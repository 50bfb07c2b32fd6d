package org.skyhold.providers.azure;

import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.providers.FieldReader;

/**
 * The {@code azure} VM kind's settings, read once through {@link AzureFields}; the same reader runs when the
 * settings are saved and when a provider is built. Optional values are null (or empty) when unset.
 *
 * @param image       {@code publisher/offer/sku/version} or {@code id}, as the field holds it
 * @param nsgId       the network security group's resource ID (a bare name is taken in the resource group)
 * @param override    {@code azure_config_override}'s dot-paths and values, in the operator's order
 */
record AzureVmSettings(AzureAccount account, String region, String vmSize, String osDiskType, Integer osDiskSizeGb,
                       Map<String, Object> image, String nsgId, String subnetId, boolean publicIp,
                       Map<String, String> tags, String osUser, String osPassword, String sshPublicKey,
                       Map<String, Object> override) {
    static final String DEFAULT_USER = "skyhold";

    /**
     * @throws InvalidFieldException naming the field at fault
     */
    static AzureVmSettings read(KindSettings settings) {
        FieldReader f = new FieldReader(settings);
        AzureAccount account = AzureAccount.read(settings);
        Map<String, Object> image = object(settings, AzureFields.IMAGE, true);
        Map<String, String> tags = settings.fields().stringMap(AzureFields.TAGS);
        checked(AzureFields.TAGS, tags);
        Map<String, Object> override = object(settings, AzureFields.CONFIG_OVERRIDE, false);
        String password = settings.secret(AzureFields.OS_PASSWORD);
        String ssh = settings.fields().text(AzureFields.SSH_KEY);
        if (password == null && ssh == null) {
            throw new InvalidFieldException(AzureFields.SSH_KEY.name(), "is required unless "
                    + AzureFields.OS_PASSWORD.name() + " is set (Azure needs a way to log in)");
        }
        String nsg = f.text(AzureFields.NSG);
        String nsgId = nsg == null || nsg.startsWith("/subscriptions/") ? nsg : "/subscriptions/"
                + account.subscription() + "/resourceGroups/" + account.resourceGroup()
                + "/providers/Microsoft.Network/networkSecurityGroups/" + nsg;
        String user = f.text(AzureFields.OS_USERNAME);
        return new AzureVmSettings(account, f.requiredText(AzureFields.REGION), f.requiredText(AzureFields.VM_SIZE),
                f.text(AzureFields.OS_DISK_TYPE), f.integer(AzureFields.OS_DISK_SIZE), image, nsgId,
                f.requiredText(AzureFields.SUBNET), Boolean.TRUE.equals(settings.fields().bool(AzureFields.PUBLIC_IP)),
                tags, user == null ? DEFAULT_USER : user, password, ssh, override);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(KindSettings settings, FieldSpec spec, boolean required) {
        Object v = settings.fields().json(spec);
        if (v == null) {
            if (required) {
                throw new InvalidFieldException(spec.name(), "is required");
            }
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new InvalidFieldException(spec.name(), "must be a JSON object");
        }
        checked(spec, v);
        return (Map<String, Object>) v;
    }

    private static void checked(FieldSpec spec, Object value) {
        try {
            spec.check().check(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(spec.name(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "AzureVmSettings[" + account + ", " + vmSize + " in " + region + "]";
    }
}
