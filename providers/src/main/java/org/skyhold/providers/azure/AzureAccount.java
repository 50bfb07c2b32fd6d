package org.skyhold.providers.azure;

import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.providers.FieldReader;

/**
 * Who Skyhold is in Azure and where it works: a service principal (tenant, client id, secret) in one of the Azure
 * clouds, a subscription and a resource group, and the endpoint override (one HTTPS base URL serving both
 * Resource Manager and the token endpoint), or null for the cloud's own. The secret never shows in
 * {@link #toString()}.
 */
record AzureAccount(String tenant, String clientId, String clientSecret, String subscription, String resourceGroup,
                    String authority, String endpoint) {

    static AzureAccount read(KindSettings settings) {
        FieldReader f = new FieldReader(settings);
        String endpoint = f.endpoint();
        if (endpoint != null && !endpoint.startsWith("https://")) {
            throw new InvalidFieldException("endpoint_override", "must be an https:// URL: "
                    + "Azure's token and Resource Manager clients refuse plain http");
        }
        String authority = f.text(AzureFields.AUTHORITY);
        return new AzureAccount(f.requiredText(AzureFields.TENANT), f.requiredText(AzureFields.CLIENT_ID),
                f.requiredSecret(AzureFields.CLIENT_SECRET), f.requiredText(AzureFields.SUBSCRIPTION),
                f.requiredText(AzureFields.RESOURCE_GROUP), authority == null ? "public" : authority, endpoint);
    }

    @Override
    public String toString() {
        return "AzureAccount[client " + clientId + " of tenant " + tenant + ", subscription " + subscription
                + ", resource group " + resourceGroup + "]";
    }
}
