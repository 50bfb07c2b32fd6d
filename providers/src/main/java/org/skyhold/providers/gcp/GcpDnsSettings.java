package org.skyhold.providers.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;

/**
 * The {@code gcp} DNS kind's settings.
 *
 * @param rootUrl Cloud DNS's root URL ending in a slash, or null for Google's
 */
record GcpDnsSettings(GoogleCredentials credentials, String project, String rootUrl) {
    /**
     * @throws InvalidFieldException naming the field at fault
     */
    static GcpDnsSettings read(KindSettings settings) {
        return new GcpDnsSettings(GcpCredentials.read(settings),
                GcpVmSettings.text(settings.fields(), GcpFields.PROJECT, true),
                GcpEndpoints.dnsRoot(settings.endpoint()));
    }
}
