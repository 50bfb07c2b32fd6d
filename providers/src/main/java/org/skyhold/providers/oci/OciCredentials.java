package org.skyhold.providers.oci;

import org.skyhold.domain.kind.KindSettings;
import org.skyhold.providers.FieldReader;

/**
 * What signs a request to OCI: the API user, its key's fingerprint and the key, in a tenancy and region. The key
 * is held as PEM text and never shown by {@link #toString()}.
 */
record OciCredentials(String tenancy, String user, String fingerprint, String privateKeyPem, String region) {
    static OciCredentials read(KindSettings settings) {
        FieldReader f = new FieldReader(settings);
        return new OciCredentials(f.requiredText(OciFields.TENANCY), f.requiredText(OciFields.USER),
                f.requiredText(OciFields.FINGERPRINT), f.requiredSecret(OciFields.PRIVATE_KEY),
                f.requiredText(OciFields.REGION));
    }

    /** The keyId of the request signature: {@code tenancy/user/fingerprint}. */
    String keyId() {
        return tenancy + "/" + user + "/" + fingerprint;
    }

    @Override
    public String toString() {
        return "OciCredentials[" + keyId() + " in " + region + "]";
    }
}
