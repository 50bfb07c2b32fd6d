package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.providers.gcp.FakeGcpJson.Answer;

/**
 * The OAuth token endpoint of {@link FakeGcp}, at the service-account key's {@code token_uri}: it takes the JWT
 * bearer grant Google's auth library sends ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}),
 * checks the assertion's RS256 signature with the public half of the key, its issuer, audience, scope and expiry,
 * and hands out an access token that the API routes then require.
 */
final class FakeGcpToken {
    private static final String GOOGLE = "https://oauth2.googleapis.com/token";
    private final PublicKey key;
    private final String clientEmail;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private int next = 1;

    FakeGcpToken(PublicKey key, String clientEmail) {
        this.key = key;
        this.clientEmail = clientEmail;
    }

    /** Whether an {@code Authorization} header carries a token this endpoint issued. */
    boolean accepts(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                && issued.contains(authorization.substring(7));
    }

    synchronized Answer grant(String form, String audience) {
        Map<String, String> f = FakeGcpJson.query(form);
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(f.get("grant_type")) || f.get("assertion") == null) {
            return invalid("unsupported_grant_type", "Expected a JWT bearer grant.");
        }
        String[] parts = f.get("assertion").split("\\.");
        if (parts.length != 3) {
            return invalid("invalid_grant", "Invalid JWT.");
        }
        try {
            JsonNode header = FakeGcpJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = FakeGcpJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"RS256".equals(header.path("alg").asText()) || !rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return invalid("invalid_grant", "Invalid JWT Signature.");
            }
            String aud = claims.path("aud").asText();
            // Google's auth library names Google's token URL as the audience even when it posts to another token_uri
            if (!clientEmail.equals(claims.path("iss").asText()) || !(audience.equals(aud) || GOOGLE.equals(aud))) {
                return invalid("invalid_grant", "Invalid JWT: issuer " + claims.path("iss").asText() + " or audience "
                        + claims.path("aud").asText() + ".");
            }
            if (!claims.path("scope").asText().contains("https://www.googleapis.com/auth/cloud-platform")) {
                return invalid("invalid_scope", "No cloud-platform scope.");
            }
            if (claims.path("exp").asLong() * 1000 < System.currentTimeMillis()) {
                return invalid("invalid_grant", "Invalid JWT: Token must be a short-lived token.");
            }
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return invalid("invalid_grant", "Invalid JWT: " + e.getMessage());
        }
        String token = "ya29.fake-" + next++;
        issued.add(token);
        return FakeGcpJson.ok(FakeGcpJson.JSON.createObjectNode().put("access_token", token)
                .put("expires_in", 3599).put("token_type", "Bearer"));
    }

    /** The OAuth error shape: {@code {"error", "error_description"}}, HTTP 400. */
    private static Answer invalid(String error, String description) {
        return new Answer(400, FakeGcpJson.JSON.createObjectNode().put("error", error)
                .put("error_description", description), Map.of());
    }
}
