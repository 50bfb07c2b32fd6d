package org.skyhold.providers.azure;

import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;

/**
 * The fields of the {@code azure} VM and DNS kinds, defined once, with the wire names of the product we replace.
 * The service principal (tenant, client id and secret), the subscription, the resource group and the cloud are
 * shared by both kinds.
 */
public final class AzureFields {
    private AzureFields() {
    }

    private static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private static final String EXAMPLE_SUBSCRIPTION = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    public static final FieldSpec SUBSCRIPTION = FieldSpec.of("azure_subscription_id", FieldType.TEXT,
            "Subscription ID").required().pattern(UUID, "a subscription UUID").example(EXAMPLE_SUBSCRIPTION).build();
    public static final FieldSpec RESOURCE_GROUP = FieldSpec.of("azure_resource_group", FieldType.TEXT,
            "Resource group").required().pattern("^[-\\w.()]{1,90}$", "a resource group name")
            .help("The resource group agents (or, for DNS, the zones) live in.").example("skyhold-agents").build();
    public static final FieldSpec TENANT = FieldSpec.of("azure_tenant_id", FieldType.TEXT, "Tenant ID").required()
            .pattern(UUID, "a tenant UUID").example("72f988bf-86f1-41af-91ab-2d7cd011db47").build();
    public static final FieldSpec CLIENT_ID = FieldSpec.of("azure_client_id", FieldType.TEXT, "Client ID")
            .required().pattern(UUID, "an application (client) UUID").example("1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d")
            .build();
    public static final FieldSpec CLIENT_SECRET = FieldSpec.of("azure_client_secret", FieldType.TEXT,
            "Client secret").secret().required()
            .help("The app registration's secret; stored encrypted, never shown again.")
            .example("Qx78Q~exampleClientSecret0123456789abcdEFG").build();
    public static final FieldSpec AUTHORITY = FieldSpec.of("azure_authority", FieldType.CHOICE, "Cloud")
            .choices("public", "usgovernment", "china").help("Which Azure cloud the account lives in.")
            .example("public").build();
    public static final FieldSpec REGION = FieldSpec.of("azure_region", FieldType.TEXT, "Region").required()
            .pattern("^[a-z0-9]+$", "a region such as westeurope").example("westeurope").build();
    public static final FieldSpec VM_SIZE = FieldSpec.of("azure_vm_size", FieldType.TEXT, "VM size").required()
            .pattern("^[A-Za-z0-9_]+$", "a VM size such as Standard_NV6ads_A10_v5")
            .example("Standard_NV6ads_A10_v5").build();
    public static final FieldSpec OS_DISK_TYPE = FieldSpec.of("azure_os_disk_type", FieldType.CHOICE,
            "OS disk type").choices("Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "Premium_ZRS", "StandardSSD_ZRS")
            .example("Premium_LRS").build();
    public static final FieldSpec OS_DISK_SIZE = FieldSpec.of("azure_os_disk_size_gb", FieldType.INTEGER,
            "OS disk (GB)").range(30, 4095).help("Empty keeps the image's size.").example("128").build();
    public static final FieldSpec IMAGE = FieldSpec.of("azure_image_reference", FieldType.JSON_OBJECT,
            "Image reference").required()
            .help("JSON: {\"publisher\",\"offer\",\"sku\",\"version\"} or {\"id\": \"/subscriptions/...\"}.")
            .example("{\"publisher\":\"Canonical\",\"offer\":\"0001-com-ubuntu-server-jammy\","
                    + "\"sku\":\"22_04-lts-gen2\",\"version\":\"latest\"}")
            .check(AzureFields::checkImage).build();
    public static final FieldSpec NSG = FieldSpec.of("azure_network_sg", FieldType.TEXT, "Network security group")
            .help("Name of a network security group in the resource group, or its resource ID; empty for none.")
            .example("skyhold-agents-nsg").build();
    public static final FieldSpec SUBNET = FieldSpec.of("azure_subnet", FieldType.TEXT, "Subnet").required()
            .pattern("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+"
                    + "/subnets/[^/]+$", "a subnet resource ID (/subscriptions/.../subnets/NAME)")
            .example("/subscriptions/" + EXAMPLE_SUBSCRIPTION + "/resourceGroups/skyhold-net/providers/"
                    + "Microsoft.Network/virtualNetworks/vdi-vnet/subnets/agents").build();
    public static final FieldSpec PUBLIC_IP = FieldSpec.of("azure_public_ip", FieldType.BOOLEAN, "Public IP")
            .help("Give each agent a Standard static public IP (Basic IPs are retired).").example("true").build();
    public static final FieldSpec TAGS = FieldSpec.of("azure_tags", FieldType.STRING_MAP, "Tags")
            .help("JSON object of extra tags, e.g. {\"team\": \"vdi\"}.").example("{\"team\":\"vdi\"}")
            .check(AzureFields::checkTags).build();
    public static final FieldSpec OS_USERNAME = FieldSpec.of("azure_os_username", FieldType.TEXT, "OS user name")
            .pattern("^[a-z_][a-z0-9_-]{0,63}$", "a Linux user name").help("Empty: skyhold.").example("vdiadmin")
            .build();
    public static final FieldSpec OS_PASSWORD = FieldSpec.of("azure_os_password", FieldType.TEXT, "OS password")
            .secret().help("Optional; stored encrypted, never shown again.").example("Example-Passw0rd-4-vdi").build();
    public static final FieldSpec SSH_KEY = FieldSpec.of("azure_ssh_public_key", FieldType.SSH_PUBLIC_KEY,
            "SSH public key").help("Installed for the OS user; required unless an OS password is set.")
            .example("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example")
            .build();
    public static final FieldSpec CONFIG_OVERRIDE = FieldSpec.of("azure_config_override", FieldType.JSON_OBJECT,
            "VM config override").help("JSON object of dot-notation paths into the VM request, e.g. "
                    + "{\"priority\": \"Spot\", \"eviction_policy\": \"Deallocate\", \"billing_profile.max_price\": -1} "
                    + "or {\"os_profile.linux_configuration.ssh.public_keys.0.path\": \"/home/x/.ssh/authorized_keys\"}.")
            .example("{\"priority\":\"Spot\",\"eviction_policy\":\"Deallocate\",\"billing_profile.max_price\":-1}")
            .check(value -> ConfigOverride.check(value)).build();

    /** The VM kind's fields in page order. */
    static final List<FieldSpec> VM = List.of(SUBSCRIPTION, RESOURCE_GROUP, TENANT, CLIENT_ID, CLIENT_SECRET,
            AUTHORITY, REGION, VM_SIZE, OS_DISK_TYPE, OS_DISK_SIZE, IMAGE, NSG, SUBNET, PUBLIC_IP, TAGS, OS_USERNAME,
            OS_PASSWORD, SSH_KEY, CONFIG_OVERRIDE);

    /** The DNS kind's fields in page order. */
    static final List<FieldSpec> DNS = List.of(SUBSCRIPTION, RESOURCE_GROUP, TENANT, CLIENT_ID, CLIENT_SECRET,
            AUTHORITY);

    private static void checkImage(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return; // the type check says "must be a JSON object"
        }
        if (map.containsKey("id")) {
            if (map.size() != 1 || !(map.get("id") instanceof String id) || !id.startsWith("/subscriptions/")) {
                throw new IllegalArgumentException("must be {\"id\": \"/subscriptions/...\"} alone for a gallery or "
                        + "managed image");
            }
            return;
        }
        for (String key : List.of("publisher", "offer", "sku", "version")) {
            if (!(map.get(key) instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("needs \"" + key + "\" (publisher, offer, sku and version), or "
                        + "an \"id\"");
            }
        }
        if (map.size() != 4) {
            throw new IllegalArgumentException("takes only publisher, offer, sku and version (or an id)");
        }
    }

    private static void checkTags(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() > 40) {
            throw new IllegalArgumentException("has " + map.size() + " tags; Azure takes 50 per resource, Skyhold "
                    + "keeps 10 of them");
        }
        map.forEach((k, v) -> {
            String key = k.toString();
            if (key.isEmpty() || key.length() > 512 || key.matches(".*[<>%&\\\\?/].*")) {
                throw new IllegalArgumentException("has a key \"" + key + "\": tag names are 1 to 512 characters "
                        + "without < > % & \\ ? /");
            }
            if (key.startsWith("skyhold-")) {
                throw new IllegalArgumentException("may not set " + key + " (Skyhold sets its skyhold- tags)");
            }
            if (String.valueOf(v).length() > 256) {
                throw new IllegalArgumentException("has a value longer than 256 characters under " + key);
            }
        });
    }
}
