package org.skyhold.providers.azure;

import static org.skyhold.providers.azure.FakeArm.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.providers.azure.FakeArm.Answer;

/**
 * The fake's Microsoft Entra ID token endpoint, {@code POST /{tenant}/oauth2/v2.0/token}: a client-credentials
 * grant for the one service principal it knows gets a bearer token that Resource Manager then accepts; any other
 * client id or secret is refused with {@code invalid_client}, as Entra ID does.
 */
final class FakeAzureToken {
    private final String tenant;
    private final String clientId;
    private final String secret;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    FakeAzureToken(String tenant, String clientId, String secret) {
        this.tenant = tenant;
        this.clientId = clientId;
        this.secret = secret;
    }

    Answer token(String pathTenant, Map<String, String> form) {
        if (!tenant.equals(pathTenant)) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + pathTenant + "' not found.");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The grant type is not supported.");
        }
        if (!clientId.equals(form.get("client_id")) || !secret.equals(form.get("client_secret"))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the "
                    + "secret being sent in the request is the client secret value, not the client secret ID.");
        }
        String token = "fake-arm-" + UUID.randomUUID();
        issued.add(token);
        ObjectNode body = JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599)
                .put("ext_expires_in", 3599).put("access_token", token);
        return FakeArm.ok(body);
    }

    /** Whether an {@code Authorization} header carries a token this endpoint issued. */
    boolean valid(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                && issued.contains(authorization.substring("Bearer ".length()));
    }

    private static Answer oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode().put("error", error).put("error_description", description)
                .put("trace_id", UUID.randomUUID().toString()).put("correlation_id", UUID.randomUUID().toString());
        body.putArray("error_codes").add(Integer.parseInt(description.substring(6, description.indexOf(':'))));
        return FakeArm.status(status, body, Map.of());
    }
}
