package org.skyhold.providers.digitalocean;

import java.util.List;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;

/**
 * The {@code digitalocean} VM kind's settings, read once into types through {@link DigitalOceanFields}; optional
 * fields are null (the tags empty) when unset. The same reader runs when a provider is saved and when it is built.
 */
record DropletSettings(String token, String endpoint, String region, String image, String size, List<String> tags,
                       String sshKeyName, String firewallName, String vpcUuid) {

    /** @throws InvalidFieldException naming the field that cannot be read */
    static DropletSettings read(KindSettings s) {
        ProviderFields f = s.fields();
        return new DropletSettings(token(s), s.endpoint(), f.requiredText(DigitalOceanFields.REGION),
                f.requiredText(DigitalOceanFields.IMAGE), f.requiredText(DigitalOceanFields.SIZE),
                f.strings(DigitalOceanFields.TAGS), f.text(DigitalOceanFields.SSH_KEY_NAME),
                f.text(DigitalOceanFields.FIREWALL_NAME), f.text(DigitalOceanFields.VPC_UUID));
    }

    /**
     * The API token of either DigitalOcean kind.
     *
     * @throws InvalidFieldException when it is not set
     */
    static String token(KindSettings s) {
        return s.requiredSecret(DigitalOceanFields.TOKEN);
    }

    @Override
    public String toString() {
        return "DropletSettings[" + region + ", " + image + ", " + size + "]";
    }
}
