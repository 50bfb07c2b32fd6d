package org.skyhold.providers.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmSpec;

/**
 * The PUT body of one agent's VM, written in the REST API's shape so that {@code azure_config_override}'s paths
 * mean what Azure's documentation says, then read into the SDK's model. The VM makes its own NIC (in the subnet,
 * with the NSG) and, when asked, a Standard static public IP, both named from the agent id and deleted with the
 * VM, like its OS disk: a VM that Azure refuses leaves nothing behind, and deleting the VM removes all of it.
 */
final class AzureVmRequest {
    /** The most bytes of startup script: Azure takes 65,535 bytes of custom data after base64. */
    static final int USER_DATA_LIMIT = 49_152;
    /** The network API version that lets a VM create its own NIC and public IP. */
    static final String NETWORK_API_VERSION = "2020-11-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureVmRequest() {
    }

    /** The request as JSON (REST shape), the override applied. */
    static ObjectNode json(AzureVmSettings s, VmSpec spec) {
        byte[] userData = spec.userData() == null ? new byte[0] : spec.userData().getBytes(StandardCharsets.UTF_8);
        if (userData.length > USER_DATA_LIMIT) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the rendered startup script is "
                    + userData.length + " bytes; Azure takes at most " + USER_DATA_LIMIT);
        }
        AzureNames names = AzureNames.ofAgent(spec.agentId());
        ObjectNode vm = JSON.createObjectNode();
        vm.put("location", s.region());
        Map<String, String> tags = new LinkedHashMap<>(s.tags());
        tags.putAll(spec.tags()); // Skyhold's own win: the sweeper and recovery find agents by them
        vm.set("tags", JSON.valueToTree(tags));
        ObjectNode p = vm.putObject("properties");
        p.putObject("hardwareProfile").put("vmSize", s.vmSize());

        ObjectNode storage = p.putObject("storageProfile");
        storage.set("imageReference", JSON.valueToTree(s.image()));
        ObjectNode disk = storage.putObject("osDisk").put("name", names.osDisk()).put("createOption", "FromImage")
                .put("caching", "ReadWrite").put("deleteOption", "Delete");
        if (s.osDiskSizeGb() != null) {
            disk.put("diskSizeGB", s.osDiskSizeGb());
        }
        if (s.osDiskType() != null) {
            disk.putObject("managedDisk").put("storageAccountType", s.osDiskType());
        }

        ObjectNode os = p.putObject("osProfile").put("computerName", computerName(spec.hostname()))
                .put("adminUsername", s.osUser());
        if (s.osPassword() != null) {
            os.put("adminPassword", s.osPassword());
        }
        if (userData.length > 0) {
            os.put("customData", Base64.getEncoder().encodeToString(userData));
        }
        ObjectNode linux = os.putObject("linuxConfiguration").put("disablePasswordAuthentication",
                s.osPassword() == null);
        if (s.sshPublicKey() != null) {
            linux.putObject("ssh").putArray("publicKeys").addObject()
                    .put("path", "/home/" + s.osUser() + "/.ssh/authorized_keys").put("keyData", s.sshPublicKey());
        }

        ObjectNode network = p.putObject("networkProfile").put("networkApiVersion", NETWORK_API_VERSION);
        ObjectNode nic = network.putArray("networkInterfaceConfigurations").addObject().put("name", names.nic());
        ObjectNode nicProps = nic.putObject("properties").put("primary", true).put("deleteOption", "Delete");
        if (s.nsgId() != null) {
            nicProps.putObject("networkSecurityGroup").put("id", s.nsgId());
        }
        ArrayNode ipConfigs = nicProps.putArray("ipConfigurations");
        ObjectNode ipProps = ipConfigs.addObject().put("name", "ipconfig1").putObject("properties")
                .put("primary", true).put("privateIPAddressVersion", "IPv4");
        ipProps.putObject("subnet").put("id", s.subnetId());
        if (s.publicIp()) {
            ObjectNode pip = ipProps.putObject("publicIPAddressConfiguration").put("name", names.publicIp());
            pip.putObject("sku").put("name", "Standard").put("tier", "Regional");
            pip.putObject("properties").put("publicIPAllocationMethod", "Static").put("deleteOption", "Delete");
        }
        ConfigOverride.apply(vm, s.override());
        return vm;
    }

    /** The request as the SDK's model, for the SDK to send. */
    static VirtualMachineInner model(ObjectNode json) {
        try (JsonReader reader = JsonProviders.createReader(JSON.writeValueAsBytes(json))) {
            return VirtualMachineInner.fromJson(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Linux computer name: at most 64 characters of letters, digits and hyphens. */
    static String computerName(String hostname) {
        String clean = hostname.replaceAll("[^A-Za-z0-9-]", "-");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}
