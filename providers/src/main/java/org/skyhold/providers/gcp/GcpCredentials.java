package org.skyhold.providers.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;

/**
 * The service-account key of a {@code gcp} provider. Credentials are scoped, so Google's auth library trades a
 * signed JWT for an OAuth token at the key's {@code token_uri} (and renews it before it expires), as Google's own
 * tools do; the key itself never leaves Skyhold.
 */
final class GcpCredentials {
    /** Compute and Cloud DNS both accept cloud-platform; the service account's roles limit what it may do. */
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private GcpCredentials() {
    }

    /**
     * The scoped credentials of the key file in {@code gcp_credentials}; no network call.
     *
     * @throws InvalidFieldException naming the field when the key file cannot be read (without quoting it)
     */
    static GoogleCredentials read(KindSettings settings) {
        String json = settings.requiredSecret(GcpFields.CREDENTIALS);
        try {
            return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                    .createScoped(SCOPES);
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException(GcpFields.CREDENTIALS.name(), "is not a usable service-account key file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
