package org.skyhold.providers.azure;

import org.skyhold.domain.kind.KindSettings;

/** The {@code azure} DNS kind's settings: the account whose resource group holds the DNS zones. */
record AzureDnsSettings(AzureAccount account) {
    static AzureDnsSettings read(KindSettings settings) {
        return new AzureDnsSettings(AzureAccount.read(settings));
    }
}
