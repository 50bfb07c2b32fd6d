package org.skyhold.providers.azure;

import static org.skyhold.providers.azure.FakeArm.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.skyhold.providers.Faults;
import org.skyhold.providers.azure.FakeArm.Answer;

/**
 * The fake's Microsoft.Compute: VMs (their PUT checked as Azure would: size offered, image known, quota, subnet and
 * NSG), their OS disks, the region's resource SKUs, and the long-running operations a PUT or DELETE starts
 * ({@code Azure-AsyncOperation}, polled with a short {@code Retry-After}). A VM is {@code Creating} until
 * {@link FakeAzure#boot}; a deleted one is {@code Deleting} until {@link FakeAzure#settle}, which removes it and
 * whatever of its NIC, public IP and disk the request said to delete with it. Not thread-safe: {@link FakeAzure}
 * holds its lock.
 */
public final class FakeAzureCompute {
    /** A VM as the fake keeps it; {@code request} is the PUT body exactly as sent. */
    public static final class Vm {
        public final String name;
        public final JsonNode request;
        final long createdNanos = System.nanoTime();
        public volatile String provisioningState = "Creating";
        public volatile String power = "starting";
        volatile String failureCode;
        volatile String failureMessage;

        Vm(String name, JsonNode request) {
            this.name = name;
            this.request = request;
        }

        public Map<String, String> tags() {
            Map<String, String> out = new LinkedHashMap<>();
            request.path("tags").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        public String customData() {
            return new String(Base64.getDecoder().decode(request.path("properties").path("osProfile")
                    .path("customData").asText("")), StandardCharsets.UTF_8);
        }

        JsonNode nicConfig() {
            return request.path("properties").path("networkProfile").path("networkInterfaceConfigurations").path(0);
        }

        JsonNode osDisk() {
            return request.path("properties").path("storageProfile").path("osDisk");
        }
    }

    /** A managed disk; {@code vm} is the VM it is attached to, or null. */
    private record Disk(String name, JsonNode spec, String vm) {
    }

    record Sku(String name, int vcpus, int memoryGb, int gpus) {
    }

    final Map<String, Vm> vms = new LinkedHashMap<>();
    final Map<String, Disk> disks = new LinkedHashMap<>();
    final Map<String, Sku> skus = new LinkedHashMap<>();
    final List<String> images = new ArrayList<>();
    private final Map<String, String[]> operations = new LinkedHashMap<>();
    private final FakeAzureNetwork network;
    private final Faults faults;
    private final String subscription;
    private final String group;
    int coreQuota = 1000;

    FakeAzureCompute(FakeAzureNetwork network, String subscription, String group, Faults faults) {
        this.faults = faults;
        this.network = network;
        this.subscription = subscription;
        this.group = group;
    }

    Answer putVm(String name, JsonNode body, String base) {
        Vm existing = vms.get(name);
        if (existing != null) {
            return FakeArm.ok(vmJson(existing, false)); // the same name again: Azure updates it in place
        }
        JsonNode p = body.path("properties");
        String size = p.path("hardwareProfile").path("vmSize").asText();
        Sku sku = skus.get(size);
        if (sku == null) {
            return FakeArm.error(409, "SkuNotAvailable", "The requested VM size " + size + " is currently not "
                    + "available in location '" + body.path("location").asText() + "'.");
        }
        JsonNode image = p.path("storageProfile").path("imageReference");
        String imageKey = image.has("id") ? image.path("id").asText() : image.path("publisher").asText() + ":"
                + image.path("offer").asText() + ":" + image.path("sku").asText();
        if (!images.contains(imageKey)) {
            return FakeArm.error(404, "PlatformImageNotFound", "The platform image '" + imageKey + "' is not "
                    + "available. Verify that all fields in the storage profile are correct.");
        }
        int cores = vms.values().stream().filter(v -> !"Deleting".equals(v.provisioningState))
                .mapToInt(v -> skus.get(v.request.path("properties").path("hardwareProfile").path("vmSize").asText())
                        .vcpus()).sum();
        if (cores + sku.vcpus() > coreQuota) {
            return FakeArm.error(409, "OperationNotAllowed", "Operation could not be completed as it results in "
                    + "exceeding approved Total Regional Cores quota. Location: westeurope, Current Limit: "
                    + coreQuota + ", Current Usage: " + cores + ", Additional Required: " + sku.vcpus() + ".");
        }
        if (p.path("osProfile").path("adminUsername").asText().isEmpty()) {
            return FakeArm.error(400, "InvalidParameter", "Required parameter 'adminUsername' is missing (null).");
        }
        Vm vm = new Vm(name, body);
        Answer refused = network.attach(name, vm.nicConfig());
        if (refused != null) {
            return refused;
        }
        vms.put(name, vm);
        faults.created(vm.tags().get("skyhold-agent"), (int) vms.values().stream()
                .filter(v -> !"Deleting".equals(v.provisioningState)).count());
        disks.put(vm.osDisk().path("name").asText(), new Disk(vm.osDisk().path("name").asText(), vm.osDisk(), name));
        return FakeArm.status(201, vmJson(vm, false), operation(base, name, "create"));
    }

    Answer getVm(String name, boolean instanceView) {
        Vm vm = vms.get(name);
        return vm == null ? FakeArm.notFound("Microsoft.Compute/virtualMachines", name) : FakeArm.ok(vmJson(vm,
                instanceView));
    }

    Answer deleteVm(String name, String base) {
        Vm vm = vms.get(name);
        if (vm == null) {
            return FakeArm.status(204, null, Map.of());
        }
        vm.provisioningState = "Deleting";
        vm.power = "stopping";
        return FakeArm.status(202, null, operation(base, name, "delete"));
    }

    /** Every {@code Deleting} VM is gone, with what it was told to delete along with it. */
    void settle() {
        for (Vm vm : List.copyOf(vms.values())) {
            if (!"Deleting".equals(vm.provisioningState)) {
                continue;
            }
            vms.remove(vm.name);
            FakeAzureNetwork.Nic nic = network.nics.get(vm.nicConfig().path("name").asText());
            if (nic != null) {
                nic.vm = null;
                if ("Delete".equals(vm.nicConfig().path("properties").path("deleteOption").asText())) {
                    network.nics.remove(nic.name);
                    JsonNode pip = vm.nicConfig().path("properties").path("ipConfigurations").path(0)
                            .path("properties").path("publicIPAddressConfiguration");
                    if (nic.publicIpName != null && network.ips.containsKey(nic.publicIpName)) {
                        network.ips.get(nic.publicIpName).nic = null;
                        if ("Delete".equals(pip.path("properties").path("deleteOption").asText())) {
                            network.ips.remove(nic.publicIpName);
                        }
                    }
                }
            }
            Disk disk = disks.get(vm.osDisk().path("name").asText());
            if (disk != null) {
                disks.put(disk.name(), new Disk(disk.name(), disk.spec(), null));
                if ("Delete".equals(vm.osDisk().path("deleteOption").asText())) {
                    disks.remove(disk.name());
                }
            }
        }
    }

    Answer disk(String op, String name) {
        Disk d = disks.get(name);
        if (op.equals("GetDisk")) {
            return d == null ? FakeArm.notFound("Microsoft.Compute/disks", name) : FakeArm.ok(JSON.createObjectNode()
                    .put("id", FakeArm.id(subscription, group, "Microsoft.Compute", "disks", name)).put("name", name)
                    .put("location", "westeurope").set("properties", JSON.createObjectNode()
                            .put("diskState", d.vm() == null ? "Unattached" : "Attached")
                            .put("provisioningState", "Succeeded")));
        }
        if (d == null) {
            return FakeArm.status(204, null, Map.of());
        }
        if (d.vm() != null) {
            return FakeArm.error(409, "OperationNotAllowed", "Disk " + name + " is attached to VM " + d.vm() + ".");
        }
        disks.remove(name);
        return FakeArm.status(200, null, Map.of());
    }

    Answer operationStatus(String id) {
        String[] op = operations.get(id);
        if (op == null) {
            return FakeArm.notFound("operations", id);
        }
        Vm vm = vms.get(op[0]);
        ObjectNode body = JSON.createObjectNode().put("name", id).put("startTime", "2026-12-01T08:00:00Z");
        if (op[1].equals("delete")) {
            body.put("status", vm == null ? "Succeeded" : "InProgress");
        } else if (vm != null && "Failed".equals(vm.provisioningState)) {
            body.put("status", "Failed").putObject("error").put("code", vm.failureCode).put("message",
                    vm.failureMessage);
        } else {
            body.put("status", vm != null && "Succeeded".equals(vm.provisioningState) ? "Succeeded" : "InProgress");
        }
        return FakeArm.status(200, body, Map.of("Retry-After", "1"));
    }

    Answer skuList(String filter) {
        ArrayNode value = JSON.createArrayNode();
        if (filter == null || filter.contains("'westeurope'")) {
            skus.values().forEach(s -> {
                ObjectNode o = value.addObject().put("resourceType", "virtualMachines").put("name", s.name())
                        .put("tier", "Standard");
                o.putArray("locations").add("westeurope");
                ArrayNode caps = o.putArray("capabilities");
                caps.addObject().put("name", "vCPUs").put("value", Integer.toString(s.vcpus()));
                caps.addObject().put("name", "MemoryGB").put("value", Integer.toString(s.memoryGb()));
                caps.addObject().put("name", "GPUs").put("value", Integer.toString(s.gpus()));
                o.putArray("restrictions");
            });
        }
        return FakeArm.ok(JSON.createObjectNode().set("value", value));
    }

    JsonNode vmJson(Vm vm, boolean instanceView) {
        ObjectNode o = JSON.createObjectNode().put("id", FakeArm.id(subscription, group, "Microsoft.Compute",
                "virtualMachines", vm.name)).put("name", vm.name).put("type", "Microsoft.Compute/virtualMachines")
                .put("location", vm.request.path("location").asText());
        o.set("tags", vm.request.path("tags").deepCopy());
        ObjectNode p = vm.request.path("properties").deepCopy();
        p.put("provisioningState", vm.provisioningState).put("vmId", UUID.nameUUIDFromBytes(vm.name.getBytes(
                StandardCharsets.UTF_8)).toString());
        if (p.path("osProfile") instanceof ObjectNode os) {
            os.remove("customData"); // Azure never returns custom data or passwords
            os.remove("adminPassword");
        }
        p.with("networkProfile").putArray("networkInterfaces").addObject().put("id", FakeArm.id(subscription, group,
                "Microsoft.Network", "networkInterfaces", vm.nicConfig().path("name").asText()));
        if (instanceView) {
            ArrayNode statuses = p.putObject("instanceView").putArray("statuses");
            if ("Failed".equals(vm.provisioningState)) {
                statuses.addObject().put("code", "ProvisioningState/failed/" + vm.failureCode).put("level", "Error")
                        .put("displayStatus", "Provisioning failed").put("message", vm.failureMessage);
            } else {
                statuses.addObject().put("code", "ProvisioningState/" + vm.provisioningState.toLowerCase())
                        .put("level", "Info");
                statuses.addObject().put("code", "PowerState/" + vm.power).put("level", "Info");
            }
        }
        o.set("properties", p);
        return o;
    }

    private Map<String, String> operation(String base, String vm, String kind) {
        String id = UUID.randomUUID().toString();
        operations.put(id, new String[] {vm, kind});
        String url = base + "/subscriptions/" + subscription + "/providers/Microsoft.Compute/locations/westeurope/"
                + "operations/" + id + "?p=" + kind + "&api-version=2025-04-01";
        return Map.of("Azure-AsyncOperation", url, "Retry-After", "1");
    }
}
