package org.skyhold.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.Secret;

/** The {@code azure} kinds' settings reader and the dot-path override, without a server. */
class AzureKindTest {
    final AzureVmKind kind = new AzureVmKind();

    KindSettings settings(Map<String, Object> overrides, Map<String, String> secrets, String endpoint) {
        KindSettings base = AzureTestSettings.vm(null, overrides);
        Map<String, Secret> s = new HashMap<>();
        secrets.forEach((k, v) -> s.put(k, Secret.of(v)));
        return new KindSettings(base.fields(), s, endpoint);
    }

    @Test
    void theSeedsFieldNamesAreKeptAndDnsSharesTheAccountFields() {
        assertThat(AzureFields.VM).extracting(f -> f.name()).containsExactly("azure_subscription_id",
                "azure_resource_group", "azure_tenant_id", "azure_client_id", "azure_client_secret", "azure_authority",
                "azure_region", "azure_vm_size", "azure_os_disk_type", "azure_os_disk_size_gb", "azure_image_reference",
                "azure_network_sg", "azure_subnet", "azure_public_ip", "azure_tags", "azure_os_username",
                "azure_os_password", "azure_ssh_public_key", "azure_config_override");
        assertThat(AzureFields.DNS).containsExactlyElementsOf(AzureFields.VM.subList(0, 6));
        assertThat(kind.userDataLimit()).isEqualTo(49_152);
    }

    @Test
    void aPlainHttpEndpointIsRefusedNamingTheField() {
        assertThatThrownBy(() -> kind.validate(settings(Map.of(), Map.of("azure_client_secret", "s"),
                "http://127.0.0.1:8443"))).isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("endpoint_override");
                    assertThat(e.getMessage()).contains("https://");
                });
        kind.validate(settings(Map.of(), Map.of("azure_client_secret", "s"), "https://arm.internal:8443/"));
    }

    @Test
    void withoutAnSshKeyAPasswordIsRequired() {
        assertThatThrownBy(() -> kind.validate(settings(mapWithNull("azure_ssh_public_key"),
                Map.of("azure_client_secret", "s"), null)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field())
                        .isEqualTo("azure_ssh_public_key"));
        kind.validate(settings(mapWithNull("azure_ssh_public_key"), Map.of("azure_client_secret", "s",
                "azure_os_password", "Pw-123456789"), null));
    }

    @Test
    void anImageIsFourPartsOrAnIdAndTheOverrideMayNotMoveOrRenameTheVm() {
        assertThatThrownBy(() -> AzureFields.IMAGE.check().check(Map.of("publisher", "Canonical", "offer", "x")))
                .hasMessageContaining("needs \"sku\"");
        assertThatThrownBy(() -> AzureFields.IMAGE.check().check(Map.of("id", "gallery/x")))
                .hasMessageContaining("/subscriptions/");
        assertThatThrownBy(() -> AzureFields.CONFIG_OVERRIDE.check().check(Map.of("location", "eastus")))
                .hasMessage("may not set location (Skyhold sets it)");
        assertThatThrownBy(() -> AzureFields.CONFIG_OVERRIDE.check().check(Map.of("os_profile..x", 1)))
                .hasMessageContaining("each part must be a name");
        assertThatThrownBy(() -> AzureFields.TAGS.check().check(Map.of("skyhold-zone", "1")))
                .hasMessageContaining("may not set skyhold-zone");
    }

    @Test
    void overridePathsAreSnakeOrCamelCaseIndexListsAndFindFlattenedProperties() {
        ObjectNode vm = FakeArm.JSON.createObjectNode().put("location", "westeurope");
        ObjectNode p = vm.putObject("properties");
        p.putObject("networkProfile").putArray("networkInterfaceConfigurations").addObject().put("name", "nic")
                .putObject("properties").put("deleteOption", "Delete").putArray("ipConfigurations").addObject()
                .putObject("properties").putObject("publicIPAddressConfiguration").put("name", "ip");
        Map<String, Object> override = new LinkedHashMap<>();
        override.put("priority", "Spot");
        override.put("billing_profile.max_price", -1);
        override.put("network_profile.network_interface_configurations.0.delete_option", "Detach");
        override.put("network_profile.network_interface_configurations.0.ip_configurations.0."
                + "public_ip_address_configuration.sku.name", "Standard");
        override.put("diagnosticsProfile.bootDiagnostics.enabled", true);
        override.put("zones", List.of("2"));
        override.put("zones.1", "3");
        ConfigOverride.apply(vm, override);

        assertThat(p.path("priority").asText()).isEqualTo("Spot");
        assertThat(p.path("billingProfile").path("maxPrice").asInt()).isEqualTo(-1);
        assertThat(p.at("/networkProfile/networkInterfaceConfigurations/0/properties/deleteOption").asText())
                .isEqualTo("Detach");
        assertThat(p.at("/networkProfile/networkInterfaceConfigurations/0/properties/ipConfigurations/0/properties/"
                + "publicIPAddressConfiguration/sku/name").asText()).isEqualTo("Standard");
        assertThat(p.at("/diagnosticsProfile/bootDiagnostics/enabled").asBoolean()).isTrue();
        assertThat(vm.path("zones")).hasSize(2);
        assertThatThrownBy(() -> ConfigOverride.apply(vm, Map.of("zones.5", "1")))
                .hasMessageContaining("index 5 is past the end of a list of 2");
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, null);
        return m;
    }

    @Test
    void theAccountNeverShowsTheSecret() {
        AzureAccount a = new AzureAccount("t", "c", "very-secret", "s", "g", "public", null);
        assertThat(a.toString()).doesNotContain("very-secret");
    }
}
