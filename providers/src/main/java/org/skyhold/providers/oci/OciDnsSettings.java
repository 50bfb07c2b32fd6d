package org.skyhold.providers.oci;

import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.providers.FieldReader;

/**
 * The {@code oci} DNS kind's settings: the credentials and the compartment whose zones hold agents' names.
 *
 * @param endpoint the base URL of the DNS API, or null for the region's endpoint
 */
record OciDnsSettings(OciCredentials credentials, String compartment, String endpoint) {
    /**
     * @throws InvalidFieldException naming the field at fault
     */
    static OciDnsSettings read(KindSettings settings) {
        FieldReader f = new FieldReader(settings);
        return new OciDnsSettings(OciCredentials.read(settings), f.requiredText(OciFields.COMPARTMENT),
                f.endpoint());
    }
}
