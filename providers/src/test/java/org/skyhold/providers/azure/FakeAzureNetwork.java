package org.skyhold.providers.azure;

import static org.skyhold.providers.azure.FakeArm.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.skyhold.providers.azure.FakeArm.Answer;

/**
 * The fake's Microsoft.Network: NICs and public IPs (made by a VM from its network interface configuration),
 * subnets and network security groups (seeded). A public IP gets its address when its VM boots; a NIC or IP still
 * attached to something cannot be deleted, as in Azure. Not thread-safe: {@link FakeAzure} holds its lock.
 */
final class FakeAzureNetwork {
    /** A NIC; {@code vm} is the VM it is attached to, or null. */
    static final class Nic {
        final String name;
        final String privateIp;
        final String subnetId;
        final String nsgId;
        final String publicIpName;
        String vm;

        Nic(String name, String privateIp, String subnetId, String nsgId, String publicIpName, String vm) {
            this.name = name;
            this.privateIp = privateIp;
            this.subnetId = subnetId;
            this.nsgId = nsgId;
            this.publicIpName = publicIpName;
            this.vm = vm;
        }
    }

    /** A public IP; {@code nic} is the NIC holding it, or null. */
    static final class PublicIp {
        final String name;
        final JsonNode sku;
        final String allocation;
        String address;
        String nic;

        PublicIp(String name, JsonNode sku, String allocation, String nic) {
            this.name = name;
            this.sku = sku;
            this.allocation = allocation;
            this.nic = nic;
        }
    }

    final Map<String, Nic> nics = new LinkedHashMap<>();
    final Map<String, PublicIp> ips = new LinkedHashMap<>();
    final Set<String> subnets = new LinkedHashSet<>();
    final Set<String> nsgs = new LinkedHashSet<>();
    private final String subscription;
    private final String group;
    private int next = 4;

    FakeAzureNetwork(String subscription, String group) {
        this.subscription = subscription;
        this.group = group;
    }

    String nsgId(String name) {
        return FakeArm.id(subscription, group, "Microsoft.Network", "networkSecurityGroups", name);
    }

    /**
     * Makes the NIC (and its public IP) of a VM's network interface configuration, as Azure does for a VM PUT with
     * {@code networkInterfaceConfigurations}; null when the configuration is fine, else the refusal.
     */
    Answer attach(String vm, JsonNode config) {
        JsonNode props = config.path("properties");
        JsonNode ipConfig = props.path("ipConfigurations").path(0).path("properties");
        String subnet = ipConfig.path("subnet").path("id").asText();
        if (!subnets.contains(subnet)) {
            return FakeArm.error(400, "InvalidResourceReference", "Resource " + subnet + " referenced by resource "
                    + vm + " was not found. Please make sure that the referenced resource exists.");
        }
        String nsg = props.path("networkSecurityGroup").path("id").asText(null);
        if (nsg != null && !nsgs.contains(nsg)) {
            return FakeArm.error(400, "InvalidResourceReference", "Resource " + nsg + " referenced by resource "
                    + vm + " was not found.");
        }
        String name = config.path("name").asText();
        JsonNode pip = ipConfig.path("publicIPAddressConfiguration");
        String ipName = pip.isMissingNode() ? null : pip.path("name").asText();
        if (ipName != null && !"Standard".equals(pip.path("sku").path("name").asText())) {
            return FakeArm.error(400, "BasicSkuPublicIpRetired", "Basic SKU public IP addresses are retired; use "
                    + "Standard.");
        }
        if (!nics.containsKey(name)) {
            nics.put(name, new Nic(name, "10.1.0." + next++, subnet, nsg, ipName, vm));
            if (ipName != null) {
                ips.put(ipName, new PublicIp(ipName, pip.path("sku"), pip.path("properties")
                        .path("publicIPAllocationMethod").asText(), name));
            }
        }
        return null;
    }

    /** The public IP of a booted VM's NIC gets its address. */
    void assignAddress(String nicName) {
        Nic nic = nics.get(nicName);
        if (nic != null && nic.publicIpName != null && ips.containsKey(nic.publicIpName)) {
            PublicIp ip = ips.get(nic.publicIpName);
            if (ip.address == null) {
                ip.address = "20.67." + (nicName.hashCode() & 0x7f) + "." + nic.privateIp.split("\\.")[3];
            }
        }
    }

    Answer answer(String op, String name, String vnet) {
        return switch (op) {
            case "GetNic" -> nics.containsKey(name) ? FakeArm.ok(nicJson(nics.get(name)))
                    : FakeArm.notFound("Microsoft.Network/networkInterfaces", name);
            case "DeleteNic" -> deleteNic(name);
            case "GetPublicIp" -> ips.containsKey(name) ? FakeArm.ok(ipJson(ips.get(name)))
                    : FakeArm.notFound("Microsoft.Network/publicIPAddresses", name);
            case "DeletePublicIp" -> deleteIp(name);
            case "GetSubnet" -> {
                String id = "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/"
                        + "Microsoft.Network/virtualNetworks/" + vnet + "/subnets/" + name;
                String known = subnets.stream().filter(s -> s.endsWith("/virtualNetworks/" + vnet + "/subnets/"
                        + name)).findFirst().orElse(null);
                yield known == null ? FakeArm.notFound("Microsoft.Network/virtualNetworks/" + vnet + "/subnets", name)
                        : FakeArm.ok(JSON.createObjectNode().put("id", known == null ? id : known).put("name", name)
                        .set("properties", JSON.createObjectNode().put("addressPrefix", "10.1.0.0/24")
                                .put("provisioningState", "Succeeded")));
            }
            case "GetNsg" -> nsgs.contains(nsgId(name)) ? FakeArm.ok(JSON.createObjectNode().put("id", nsgId(name))
                    .put("name", name).put("location", "westeurope")
                    .set("properties", JSON.createObjectNode().put("provisioningState", "Succeeded")))
                    : FakeArm.notFound("Microsoft.Network/networkSecurityGroups", name);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private Answer deleteNic(String name) {
        Nic nic = nics.get(name);
        if (nic == null) {
            return FakeArm.status(204, null, Map.of());
        }
        if (nic.vm != null) {
            return FakeArm.error(400, "NicInUse", "Network Interface " + name + " is used by existing resource "
                    + nic.vm + ". In order to delete the network interface, it must be dissociated from the resource.");
        }
        nics.remove(name);
        if (nic.publicIpName != null && ips.containsKey(nic.publicIpName)) {
            ips.get(nic.publicIpName).nic = null;
        }
        return FakeArm.status(200, null, Map.of());
    }

    private Answer deleteIp(String name) {
        PublicIp ip = ips.get(name);
        if (ip == null) {
            return FakeArm.status(204, null, Map.of());
        }
        if (ip.nic != null) {
            return FakeArm.error(400, "PublicIPAddressInUse", "Public IP address " + name + " can not be deleted "
                    + "since it is still allocated to resource " + ip.nic + ".");
        }
        ips.remove(name);
        return FakeArm.status(200, null, Map.of());
    }

    JsonNode nicJson(Nic nic) {
        ObjectNode o = JSON.createObjectNode().put("id", FakeArm.id(subscription, group, "Microsoft.Network",
                "networkInterfaces", nic.name)).put("name", nic.name).put("location", "westeurope");
        ObjectNode p = o.putObject("properties").put("provisioningState", "Succeeded").put("primary", true);
        if (nic.nsgId != null) {
            p.putObject("networkSecurityGroup").put("id", nic.nsgId);
        }
        ObjectNode ipc = p.putArray("ipConfigurations").addObject().put("name", "ipconfig1").putObject("properties")
                .put("privateIPAddress", nic.privateIp).put("privateIPAllocationMethod", "Dynamic").put("primary", true);
        ipc.putObject("subnet").put("id", nic.subnetId);
        if (nic.publicIpName != null) {
            ipc.putObject("publicIPAddress").put("id", FakeArm.id(subscription, group, "Microsoft.Network",
                    "publicIPAddresses", nic.publicIpName));
        }
        return o;
    }

    JsonNode ipJson(PublicIp ip) {
        ObjectNode o = JSON.createObjectNode().put("id", FakeArm.id(subscription, group, "Microsoft.Network",
                "publicIPAddresses", ip.name)).put("name", ip.name).put("location", "westeurope");
        o.set("sku", ip.sku);
        ObjectNode p = o.putObject("properties").put("provisioningState", "Succeeded")
                .put("publicIPAllocationMethod", ip.allocation).put("publicIPAddressVersion", "IPv4");
        if (ip.address != null) {
            p.put("ipAddress", ip.address);
        }
        return o;
    }
}
