package org.skyhold.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.LostAnswers;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code azure} VM provider through the real SDK (OkHttp, TLS, client-secret credential) against the fake
 * Azure: the VM request carries every field, the override and Skyhold's names; describe, list and delete follow the
 * VM and everything made with it.
 */
class AzureVmProviderTest {
    static final String INSTALLATION = "inst-azure-1";

    FakeAzure azure;
    AzureVmProvider provider;

    @BeforeEach
    void start() {
        TestTls.trustInJvm();
        azure = FakeAzure.start(AzureTestSettings.SECRET);
        provider = provider(Map.of());
    }

    @AfterEach
    void stop() {
        provider.close();
        azure.close();
    }

    AzureVmProvider provider(Map<String, Object> overrides) {
        return (AzureVmProvider) new AzureVmKind().create(AzureTestSettings.vm(azure, overrides));
    }

    @Test
    void aCreateIsOnePutOfTheVmWithItsOwnNicIpAndDiskNamedFromTheAgent() {
        VmInstance made = provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000001"));

        assertThat(made.instanceId()).isEqualTo("skyhold-ag0000000001");
        assertThat(made.state()).isEqualTo(VmState.CREATING);
        assertThat(azure.calls("Token")).hasSize(1);
        assertThat(azure.calls("PutVm")).singleElement().satisfies(c -> {
            assertThat(c.path()).endsWith("/resourceGroups/skyhold-agents/providers/Microsoft.Compute/"
                    + "virtualMachines/skyhold-ag0000000001");
            assertThat(c.headers().get("authorization")).startsWith("Bearer fake-arm-");
        });
        assertThat(azure.nics()).containsExactly("skyhold-ag0000000001-nic");
        assertThat(azure.publicIps()).containsExactly("skyhold-ag0000000001-ip");
        assertThat(azure.disks()).containsExactly("skyhold-ag0000000001-osdisk");
        JsonNode sent = azure.vms().get(0).request;
        assertThat(sent.path("tags").path("skyhold-agent").asText()).isEqualTo("ag0000000001");
        assertThat(sent.path("tags").path("team").asText()).isEqualTo("vdi");
    }

    @Test
    void describeFollowsTheVmToRunningWithItsNicAndPublicAddresses() {
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000002"));
        assertThat(provider.describe("skyhold-ag0000000002")).get()
                .satisfies(v -> assertThat(v.state()).isEqualTo(VmState.CREATING));

        azure.boot("skyhold-ag0000000002");
        VmInstance running = provider.describe("skyhold-ag0000000002").orElseThrow();
        assertThat(running.state()).isEqualTo(VmState.RUNNING);
        assertThat(running.privateIp()).startsWith("10.1.0.");
        assertThat(running.publicIp()).isEqualTo(azure.address("skyhold-ag0000000002-ip")).isNotNull();
        assertThat(running.tags()).containsEntry("skyhold-installation", INSTALLATION);
        assertThat(azure.calls("GetVm")).allSatisfy(c -> assertThat(c.query()).containsEntry("$expand",
                "instanceView"));
    }

    @Test
    void theSizeOfOneAgentComesFromTheRegionsResourceSkus() {
        assertThat(provider.expectedCapacity()).isEmpty();
        assertThat(provider.lookupCapacity()).isEqualTo(new Capacity(6, 1, 55 * 1024));
        assertThat(provider.expectedCapacity()).contains(new Capacity(6, 1, 55 * 1024));
        assertThat(azure.calls("ListSkus")).singleElement()
                .satisfies(c -> assertThat(c.query().get("$filter")).isEqualTo("location eq 'westeurope'"));
    }

    @Test
    void everyFieldAndTheDotPathOverrideReachTheVmRequest() {
        provider.close();
        provider = provider(Map.of(AzureFields.CONFIG_OVERRIDE.name(), "{\"priority\":\"Spot\","
                + "\"eviction_policy\":\"Deallocate\",\"billing_profile.max_price\":-1,"
                + "\"os_profile.linux_configuration.ssh.public_keys.0.path\":\"/home/vdiadmin/.ssh/other_keys\","
                + "\"storage_profile.os_disk.caching\":\"ReadOnly\"}"));
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000003"));

        JsonNode vm = azure.vms().get(0).request;
        JsonNode p = vm.path("properties");
        assertThat(azure.calls("PutVm").get(0).path()).contains("/subscriptions/" + FakeAzure.SUBSCRIPTION
                + "/resourceGroups/" + AzureFields.RESOURCE_GROUP.example() + "/");
        assertThat(vm.path("location").asText()).isEqualTo(AzureFields.REGION.example());
        assertThat(p.path("hardwareProfile").path("vmSize").asText()).isEqualTo(AzureFields.VM_SIZE.example());
        JsonNode disk = p.path("storageProfile").path("osDisk");
        assertThat(disk.path("managedDisk").path("storageAccountType").asText())
                .isEqualTo(AzureFields.OS_DISK_TYPE.example());
        assertThat(disk.path("diskSizeGB").asText()).isEqualTo(AzureFields.OS_DISK_SIZE.example());
        assertThat(disk.path("name").asText()).isEqualTo("skyhold-ag0000000003-osdisk");
        assertThat(disk.path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(disk.path("caching").asText()).as("override").isEqualTo("ReadOnly");
        assertThat(p.path("storageProfile").path("imageReference"))
                .isEqualTo(FakeArm.JSON.valueToTree(AzureTestSettings.json(AzureFields.IMAGE.example())));
        JsonNode os = p.path("osProfile");
        assertThat(os.path("computerName").asText()).isEqualTo("skyhold-ag0000000003");
        assertThat(os.path("adminUsername").asText()).isEqualTo(AzureFields.OS_USERNAME.example());
        assertThat(os.path("adminPassword").asText()).isEqualTo(AzureFields.OS_PASSWORD.example());
        assertThat(os.path("linuxConfiguration").path("disablePasswordAuthentication").asBoolean()).isFalse();
        JsonNode key = os.path("linuxConfiguration").path("ssh").path("publicKeys").path(0);
        assertThat(key.path("keyData").asText()).isEqualTo(AzureFields.SSH_KEY.example());
        assertThat(key.path("path").asText()).as("override by index").isEqualTo("/home/vdiadmin/.ssh/other_keys");
        assertThat(azure.vms().get(0).customData()).isEqualTo("#!/bin/sh\necho hello from ag0000000003\n");
        JsonNode nic = p.path("networkProfile").path("networkInterfaceConfigurations").path(0);
        assertThat(p.path("networkProfile").path("networkApiVersion").asText()).isEqualTo("2020-11-01");
        assertThat(nic.path("name").asText()).isEqualTo("skyhold-ag0000000003-nic");
        assertThat(nic.path("properties").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(nic.path("properties").path("networkSecurityGroup").path("id").asText())
                .endsWith("/resourceGroups/skyhold-agents/providers/Microsoft.Network/networkSecurityGroups/"
                        + AzureFields.NSG.example());
        JsonNode ip = nic.path("properties").path("ipConfigurations").path(0).path("properties");
        assertThat(ip.path("subnet").path("id").asText()).isEqualTo(AzureFields.SUBNET.example());
        JsonNode pip = ip.path("publicIPAddressConfiguration");
        assertThat(pip.path("name").asText()).isEqualTo("skyhold-ag0000000003-ip");
        assertThat(pip.path("sku").path("name").asText()).isEqualTo("Standard");
        assertThat(pip.path("properties").path("publicIPAllocationMethod").asText()).isEqualTo("Static");
        assertThat(pip.path("properties").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(vm.path("tags").path("team").asText()).as("azure_tags").isEqualTo("vdi");
        assertThat(vm.path("tags").path("skyhold-installation").asText()).isEqualTo(INSTALLATION);
        assertThat(p.path("priority").asText()).isEqualTo("Spot");
        assertThat(p.path("evictionPolicy").asText()).isEqualTo("Deallocate");
        assertThat(p.path("billingProfile").path("maxPrice").asDouble()).isEqualTo(-1.0);
        // tenant, client id and secret reached the token request the fake checked; the cloud chose the token scope
        assertThat(azure.calls("Token").get(0).path()).isEqualTo("/" + FakeAzure.TENANT + "/oauth2/v2.0/token");
    }

    @Test
    void withoutAPublicIpOrNsgTheNicHasNeitherAndAPasswordlessVmLogsInByKeyOnly() {
        provider.close();
        provider = provider(Map.of(AzureFields.PUBLIC_IP.name(), "false", AzureFields.NSG.name(), ""));
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000004"));
        JsonNode nic = azure.vms().get(0).request.path("properties").path("networkProfile")
                .path("networkInterfaceConfigurations").path(0).path("properties");
        assertThat(nic.has("networkSecurityGroup")).isFalse();
        assertThat(nic.path("ipConfigurations").path(0).path("properties").has("publicIPAddressConfiguration"))
                .isFalse();
        assertThat(azure.publicIps()).isEmpty();
        azure.boot("skyhold-ag0000000004");
        assertThat(provider.describe("skyhold-ag0000000004").orElseThrow().publicIp()).isNull();
    }

    @Test
    void aRetriedCreatePutsTheSameVmAgainAndMakesNothingNew() {
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000005"));
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000005"));
        assertThat(azure.calls("PutVm")).hasSize(2);
        assertThat(azure.vms()).hasSize(1);
        assertThat(azure.nics()).hasSize(1);
        assertThat(azure.publicIps()).hasSize(1);
    }

    /**
     * Found by the cloud-fault matrix: OkHttp resent a PUT whose connection closed without an answer, so a lost
     * answer never reached the engine and left no event. The engine is the one place that asks again (with the
     * same VM name), so the provider reports the lost answer as such.
     */
    @Test
    void aCreateWhoseAnswerWasLostIsReportedAsLostNotSilentlySentAgain() {
        azure.faults().next("PutVm", Fault.loseAnswer());

        ProviderException lost = catchThrowableOfType(ProviderException.class,
                () -> provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000009")));

        assertThat(LostAnswers.isLost(lost)).as(String.valueOf(lost)).isTrue();
        assertThat(azure.calls("PutVm")).as("sent once, by the provider").hasSize(1);
        assertThat(azure.vms()).as("the cloud made it: asking again PUTs the same VM").hasSize(1);
    }

    @Test
    void deletingAVmLeavesNoNicPublicIpOrDiskBehind() {
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000006"));
        azure.boot("skyhold-ag0000000006");
        provider.delete("skyhold-ag0000000006");
        assertThat(provider.describe("skyhold-ag0000000006")).get()
                .satisfies(v -> assertThat(v.state()).isEqualTo(VmState.DELETING));
        azure.settle();

        assertThat(provider.describe("skyhold-ag0000000006")).isEmpty();
        assertThat(azure.vms()).isEmpty();
        assertThat(azure.nics()).isEmpty();
        assertThat(azure.publicIps()).isEmpty();
        assertThat(azure.disks()).isEmpty();
        provider.delete("skyhold-ag0000000006");
        assertThat(azure.calls("DeleteVm")).hasSize(2);
    }

    @Test
    void whatAzureKeptAfterTheVmWentIsDeletedByTheNextDeletes() {
        provider.close();
        // resources told to stay when their VM goes (as a VM made by hand or by an older Skyhold would be)
        provider = provider(Map.of(AzureFields.CONFIG_OVERRIDE.name(), "{\"storage_profile.os_disk.delete_option\":"
                + "\"Detach\",\"network_profile.network_interface_configurations.0.delete_option\":\"Detach\"}"));
        provider.create(AzureTestSettings.spec(INSTALLATION, "ag0000000007"));
        provider.delete("skyhold-ag0000000007");
        azure.settle();
        assertThat(azure.nics()).containsExactly("skyhold-ag0000000007-nic");
        assertThat(azure.disks()).containsExactly("skyhold-ag0000000007-osdisk");
        assertThat(provider.describe("skyhold-ag0000000007")).as("not gone while its parts are there").get()
                .satisfies(v -> assertThat(v.state()).isEqualTo(VmState.DELETING));

        provider.delete("skyhold-ag0000000007");
        assertThat(azure.nics()).isEmpty();
        assertThat(azure.publicIps()).isEmpty();
        assertThat(azure.disks()).isEmpty();
        assertThat(provider.describe("skyhold-ag0000000007")).isEmpty();
    }

    @Test
    void listTaggedPagesThroughTheResourceGroupAndKeepsOnlyThisInstallationsVms() {
        azure.perPage(2);
        for (int i = 0; i < 4; i++) {
            provider.create(AzureTestSettings.spec(INSTALLATION, "ag00000001" + i + "0"));
        }
        provider.create(AzureTestSettings.spec("another-installation", "ag0000000190"));
        assertThat(provider.listTagged(INSTALLATION)).extracting(VmInstance::instanceId).containsExactly(
                "skyhold-ag0000000100", "skyhold-ag0000000110", "skyhold-ag0000000120", "skyhold-ag0000000130");
        assertThat(azure.calls("ListVms")).hasSize(3);
    }

    @Test
    void theConnectionTestChecksTheGroupTheSizeTheSubnetAndTheNsg() {
        assertThat(provider.testConnection()).contains("resource group skyhold-agents found",
                "VM size Standard_NV6ads_A10_v5 offered in westeurope (6 vCPUs, 1 GPUs, 55 GB)",
                "subnet agents and network security group skyhold-agents-nsg exist");
        assertThat(azure.calls()).extracting(FakeAzure.Call::operation).containsExactly("Token", "GetResourceGroup",
                "ListSkus", "GetSubnet", "GetNsg");
    }
}
