package org.skyhold.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.skyhold.providers.azure.FakeArm.Answer;

/** Which operation a request path names, and which part of the fake answers it. */
final class FakeAzureRoutes {
    private static final Set<String> GROUPS = Set.of(FakeAzure.GROUP, "skyhold-net");

    private FakeAzureRoutes() {
    }

    /** The operation's name, from the method and the path split at "/". */
    static String operation(String method, String[] p) {
        if (p.length == 5 && p[2].equals("oauth2") && p[4].equals("token")) {
            return "Token";
        }
        if (p.length < 3 || !p[1].equals("subscriptions")) {
            return "Unknown";
        }
        if (p.length == 5 && p[3].equalsIgnoreCase("resourceGroups")) {
            return "GetResourceGroup";
        }
        if (p.length == 6 && p[5].equals("skus")) {
            return "ListSkus";
        }
        if (p.length == 9 && p[5].equals("locations") && p[7].equals("operations")) {
            return "GetOperation";
        }
        if (p.length < 8 || !p[3].equalsIgnoreCase("resourceGroups")) {
            return "Unknown";
        }
        String type = p[6] + "/" + p[7];
        boolean named = p.length >= 9;
        return switch (type.toLowerCase()) {
            case "microsoft.compute/virtualmachines" -> !named ? "ListVms" : verb(method, "Vm");
            case "microsoft.compute/disks" -> verb(method, "Disk");
            case "microsoft.network/networkinterfaces" -> verb(method, "Nic");
            case "microsoft.network/publicipaddresses" -> verb(method, "PublicIp");
            case "microsoft.network/networksecuritygroups" -> verb(method, "Nsg");
            case "microsoft.network/virtualnetworks" -> p.length == 11 ? "GetSubnet" : "Unknown";
            case "microsoft.network/dnszones" -> p.length == 8 ? "ListZones" : p.length == 10 ? "ListRecords"
                    : verb(method, "Record");
            default -> "Unknown";
        };
    }

    private static String verb(String method, String noun) {
        return switch (method) {
            case "PUT" -> "Put" + noun;
            case "DELETE" -> "Delete" + noun;
            default -> "Get" + noun;
        };
    }

    static Answer answer(String op, String[] p, Map<String, String> q, JsonNode body, String base, String self,
                         int perPage, FakeAzureCompute compute, FakeAzureNetwork network, FakeAzureDns dns) {
        if (!p[2].equals(FakeAzure.SUBSCRIPTION)) {
            return FakeArm.error(404, "SubscriptionNotFound", "The subscription '" + p[2] + "' could not be found.");
        }
        if (p[3].equalsIgnoreCase("resourceGroups") && !GROUPS.contains(p[4])) {
            return FakeArm.error(404, "ResourceGroupNotFound", "Resource group '" + p[4] + "' could not be found.");
        }
        String name = p.length > 8 ? p[8] : null;
        return switch (op) {
            case "GetResourceGroup" -> FakeArm.ok(FakeArm.JSON.createObjectNode().put("id", "/subscriptions/"
                    + p[2] + "/resourceGroups/" + p[4]).put("name", p[4]).put("location", "westeurope")
                    .set("properties", FakeArm.JSON.createObjectNode().put("provisioningState", "Succeeded")));
            case "ListSkus" -> compute.skuList(q.get("$filter"));
            case "GetOperation" -> compute.operationStatus(p[8]);
            case "ListVms" -> FakeArm.page(compute.vms.values().stream().map(v -> compute.vmJson(v, false)).toList(),
                    q, perPage, self);
            case "PutVm" -> compute.putVm(name, body, base);
            case "GetVm" -> compute.getVm(name, "instanceView".equals(q.get("$expand")));
            case "DeleteVm" -> compute.deleteVm(name, base);
            case "GetDisk", "DeleteDisk" -> compute.disk(op, name);
            case "GetNic", "DeleteNic", "GetPublicIp", "DeletePublicIp", "GetNsg" -> network.answer(op, name, null);
            case "GetSubnet" -> network.answer(op, p[10], p[8]);
            case "ListZones", "ListRecords", "GetRecord", "PutRecord", "DeleteRecord" -> dns.answer(op, name,
                    p.length > 10 ? p[10] : null, body, q, perPage, self);
            default -> FakeArm.error(400, "InvalidResourceType", "The fake does not serve "
                    + String.join("/", p));
        };
    }
}
