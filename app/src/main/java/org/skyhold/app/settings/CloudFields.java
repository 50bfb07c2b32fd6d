package org.skyhold.app.settings;

import static org.skyhold.app.settings.FieldType.BOOLEAN;
import static org.skyhold.app.settings.FieldType.CHOICE;
import static org.skyhold.app.settings.FieldType.INTEGER;
import static org.skyhold.app.settings.FieldType.JSON_OBJECT;
import static org.skyhold.app.settings.FieldType.JSON_OBJECT_LIST;
import static org.skyhold.app.settings.FieldType.KEY_VALUE_LIST;
import static org.skyhold.app.settings.FieldType.PEM_PRIVATE_KEY;
import static org.skyhold.app.settings.FieldType.SERVICE_ACCOUNT_JSON;
import static org.skyhold.app.settings.FieldType.SSH_PUBLIC_KEY;
import static org.skyhold.app.settings.FieldType.STRING_LIST;
import static org.skyhold.app.settings.FieldType.STRING_MAP;
import static org.skyhold.app.settings.FieldType.TEXT;

/**
 * Every cloud field Skyhold knows, defined once: VM provider kinds and DNS provider kinds share credentials
 * (an AWS key works for EC2 and Route 53 alike), so {@link ProviderKinds} composes its lists from these.
 */
final class CloudFields {
    private CloudFields() {
    }

    private static final String OCID = "^ocid1\\.[a-z0-9]+\\.[a-z0-9-]+\\.[a-z0-9-]*(\\.[a-z0-9-]*)?\\.[a-z0-9]{20,}$";
    private static final String OCID_HINT = "an OCID such as ocid1.subnet.oc1.eu-frankfurt-1.aaaa...";
    private static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    // AWS
    static final FieldSpec AWS_ACCESS_KEY_ID = FieldSpec.of("aws_access_key_id", TEXT, "Access key ID").required()
            .pattern("^(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,124}$", "an access key ID such as AKIAIOSFODNN7EXAMPLE")
            .help("The IAM user's access key. EC2 needs ec2:RunInstances, CreateTags, DescribeInstances, "
                    + "TerminateInstances, DescribeImages, DescribeSubnets, DescribeSecurityGroups, "
                    + "DescribeInstanceTypes (and iam:PassRole for an instance profile); Route 53 needs "
                    + "route53:ListHostedZonesByName, ListResourceRecordSets and ChangeResourceRecordSets.").build();
    static final FieldSpec AWS_SECRET_ACCESS_KEY = FieldSpec.of("aws_secret_access_key", TEXT, "Secret access key")
            .secret().required().pattern("^[A-Za-z0-9/+=]{16,128}$", "the 40-character secret of the access key")
            .help("The secret half of the access key; stored encrypted, never shown again.").build();
    static final FieldSpec AWS_REGION = FieldSpec.of("aws_region", TEXT, "Region").required()
            .pattern("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$", "a region code such as eu-west-1")
            .help("The region agents are created in, e.g. us-east-1.").build();
    static final FieldSpec AWS_EC2_AMI_ID = FieldSpec.of("aws_ec2_ami_id", TEXT, "AMI ID").required()
            .pattern("^ami-[0-9a-f]{8}([0-9a-f]{9})?$", "an AMI ID such as ami-0abcdef1234567890")
            .help("The machine image of the agent, with the agent software installed.").build();
    static final FieldSpec AWS_EC2_INSTANCE_TYPE = FieldSpec.of("aws_ec2_instance_type", TEXT, "Instance type")
            .required().pattern("^[a-z][a-z0-9-]*\\.[a-z0-9-]+$", "an instance type such as g4dn.xlarge")
            .help("The instance type, e.g. g4dn.xlarge for a GPU agent.").build();
    static final FieldSpec AWS_EC2_KEY_PAIR_NAME = FieldSpec.of("aws_ec2_key_pair_name", TEXT, "Key pair name")
            .help("Optional EC2 key pair for SSH access to agents.").build();
    static final FieldSpec AWS_EC2_SECURITY_GROUP_IDS = FieldSpec.of("aws_ec2_security_group_ids", STRING_LIST,
            "Security group IDs").pattern("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", "security group IDs such as sg-0123abcd")
            .help("JSON list of security group IDs, e.g. [\"sg-0123456789abcdef0\"].").build();
    static final FieldSpec AWS_EC2_SUBNET_ID = FieldSpec.of("aws_ec2_subnet_id", TEXT, "Subnet ID")
            .pattern("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$", "a subnet ID such as subnet-0123abcd")
            .help("The VPC subnet agents are placed in; empty uses the default VPC.").build();
    static final FieldSpec AWS_EC2_EBS_VOLUME_SIZE_GB = FieldSpec.of("aws_ec2_ebs_volume_size_gb", INTEGER,
            "Root volume size (GB)").range(1, 16384).help("Size of the root EBS volume; empty keeps the AMI's.")
            .build();
    static final FieldSpec AWS_EC2_EBS_VOLUME_TYPE = FieldSpec.of("aws_ec2_ebs_volume_type", CHOICE,
            "Root volume type").choices("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard")
            .help("EBS volume type of the root volume.").build();
    static final FieldSpec AWS_EC2_IAM = FieldSpec.of("aws_ec2_iam", TEXT, "IAM instance profile")
            .pattern("^(arn:aws[a-z-]*:iam::\\d{12}:instance-profile/.+|[\\w+=,.@-]{1,128})$",
                    "an instance profile name or ARN")
            .help("Optional instance profile, by name or ARN (arn:aws:iam::123456789012:instance-profile/x).")
            .build();
    static final FieldSpec AWS_EC2_CUSTOM_TAGS = FieldSpec.of("aws_ec2_custom_tags", STRING_MAP, "Custom tags")
            .help("JSON object of extra tags for instances and volumes, e.g. {\"team\": \"vdi\"}.").build();

    // DigitalOcean
    static final FieldSpec DO_TOKEN = FieldSpec.of("digital_ocean_token", TEXT, "API token").secret().required()
            .pattern("^[A-Za-z0-9_]{20,128}$", "a personal access token (dop_v1_...)")
            .help("A personal access token with full access, or the custom scopes listed in the README; stored "
                    + "encrypted, never shown again.").build();
    static final FieldSpec DO_REGION = FieldSpec.of("digital_ocean_region", TEXT, "Region").required()
            .pattern("^[a-z]{3}\\d$", "a region slug such as fra1").help("Region slug, e.g. nyc3 or fra1.").build();
    static final FieldSpec DO_IMAGE = FieldSpec.of("digital_ocean_droplet_image", TEXT, "Droplet image").required()
            .help("Image slug or ID of the agent image, e.g. ubuntu-24-04-x64 or 123456789.").build();
    static final FieldSpec DO_SIZE = FieldSpec.of("digital_ocean_droplet_size", TEXT, "Droplet size").required()
            .pattern("^[a-z0-9-]+$", "a size slug such as s-4vcpu-8gb").help("Size slug, e.g. s-4vcpu-8gb.").build();
    static final FieldSpec DO_TAGS = FieldSpec.of("digital_ocean_tags", STRING_LIST, "Tags")
            .pattern("^[A-Za-z0-9_:-]{1,255}$", "tags of letters, digits, _ : and -")
            .help("JSON list of extra droplet tags; missing tags are created.").build();
    static final FieldSpec DO_SSH_KEY_NAME = FieldSpec.of("digital_ocean_sshkey_name", TEXT, "SSH key name")
            .help("Name of an SSH key in the account to install on agents (optional).").build();
    static final FieldSpec DO_FIREWALL_NAME = FieldSpec.of("digital_ocean_firewall_name", TEXT, "Firewall name")
            .help("Name of a cloud firewall; the zone's tag is added to it so every agent gets it (optional).")
            .build();
    static final FieldSpec DO_VPC_UUID = FieldSpec.of("digital_ocean_vpc_uuid", TEXT, "VPC UUID")
            .pattern(UUID, "a VPC UUID").help("Optional VPC to place agents in; empty uses the region's default.")
            .build();

    // Oracle Cloud
    static final FieldSpec OCI_USER = FieldSpec.of("oci_user_ocid", TEXT, "User OCID").required()
            .pattern(OCID, OCID_HINT).help("OCID of the API user.").build();
    static final FieldSpec OCI_FINGERPRINT = FieldSpec.of("oci_fingerprint", TEXT, "Key fingerprint").required()
            .pattern("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", "a fingerprint such as 12:34:...:ef (16 pairs)")
            .help("Fingerprint of the API signing key.").build();
    static final FieldSpec OCI_PRIVATE_KEY = FieldSpec.of("oci_private_key", PEM_PRIVATE_KEY, "Private key")
            .secret().required().help("The API signing key in PEM; stored encrypted, never shown again.").build();
    static final FieldSpec OCI_REGION = FieldSpec.of("oci_region", TEXT, "Region").required()
            .pattern("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$", "a region such as eu-frankfurt-1").help("e.g. eu-frankfurt-1.").build();
    static final FieldSpec OCI_TENANCY = FieldSpec.of("oci_tenancy_ocid", TEXT, "Tenancy OCID").required()
            .pattern(OCID, OCID_HINT).help("OCID of the tenancy.").build();
    static final FieldSpec OCI_COMPARTMENT = FieldSpec.of("oci_compartment_ocid", TEXT, "Compartment OCID")
            .required().pattern(OCID, OCID_HINT).help("Compartment agents (or DNS zones) live in.").build();
    static final FieldSpec OCI_AD = FieldSpec.of("oci_availability_domain", TEXT, "Availability domain").required()
            .pattern("^[A-Za-z0-9]+:[A-Z]+(-[A-Z]+)*(-\\d+)?-AD-\\d+$",
                    "an availability domain such as Uocm:EU-FRANKFURT-1-AD-1 or Uocm:US-ASHBURN-AD-1")
            .help("e.g. Uocm:EU-FRANKFURT-1-AD-1.").build();
    static final FieldSpec OCI_IMAGE = FieldSpec.of("oci_image_ocid", TEXT, "Image OCID").required()
            .pattern(OCID, OCID_HINT).help("The agent image.").build();
    static final FieldSpec OCI_SHAPE = FieldSpec.of("oci_shape", TEXT, "Shape").required()
            .pattern("^[A-Za-z0-9.]+$", "a shape such as VM.Standard.E4.Flex").help("e.g. VM.Standard.E4.Flex.").build();
    static final FieldSpec OCI_FLEX_CPUS = FieldSpec.of("oci_flex_cpus", INTEGER, "Flex OCPUs").range(1, 128)
            .help("OCPUs of a flexible shape; empty for fixed shapes.").build();
    static final FieldSpec OCI_FLEX_MEMORY = FieldSpec.of("oci_flex_memory_gb", INTEGER, "Flex memory (GB)")
            .range(1, 2048).help("Memory of a flexible shape; empty for fixed shapes.").build();
    static final FieldSpec OCI_BOOT_VOLUME = FieldSpec.of("oci_boot_volume_gb", INTEGER, "Boot volume (GB)")
            .range(50, 32768).help("Boot volume size; empty keeps the image's.").build();
    static final FieldSpec OCI_CUSTOM_TAGS = FieldSpec.of("oci_custom_tags", STRING_MAP, "Freeform tags")
            .help("JSON object of extra freeform tags.").build();
    static final FieldSpec OCI_SUBNET = FieldSpec.of("oci_subnet_ocid", TEXT, "Subnet OCID").required()
            .pattern(OCID, OCID_HINT).help("Subnet agents are placed in.").build();
    static final FieldSpec OCI_SSH_KEY = FieldSpec.of("oci_ssh_public_key", SSH_PUBLIC_KEY, "SSH public key")
            .help("Optional OpenSSH public key installed for the opc user.").build();

    // Google Cloud
    static final FieldSpec GCP_CREDENTIALS = FieldSpec.of("gcp_credentials", SERVICE_ACCOUNT_JSON,
            "Service-account key").secret().required()
            .help("The service account's JSON key file; stored encrypted, never shown again.").build();
    static final FieldSpec GCP_PROJECT = FieldSpec.of("gcp_project", TEXT, "Project ID").required()
            .pattern("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", "a project ID such as my-vdi-project").build();
    static final FieldSpec GCP_REGION = FieldSpec.of("gcp_region", TEXT, "Region").required()
            .pattern("^[a-z]+-[a-z]+\\d+$", "a region such as europe-west4").build();
    static final FieldSpec GCP_ZONE = FieldSpec.of("gcp_zone", TEXT, "Zone").required()
            .pattern("^[a-z]+-[a-z]+\\d+-[a-z]$", "a zone such as europe-west4-a").build();
    static final FieldSpec GCP_MACHINE_TYPE = FieldSpec.of("gcp_machine_type", TEXT, "Machine type").required()
            .pattern("^[a-z0-9-]+$", "a machine type such as n1-standard-8").build();
    static final FieldSpec GCP_IMAGE = FieldSpec.of("gcp_image", TEXT, "Image").required()
            .help("Image URL or projects/PROJECT/global/images/NAME.").build();
    static final FieldSpec GCP_BOOT_VOLUME = FieldSpec.of("gcp_boot_volume_gb", INTEGER, "Boot disk (GB)")
            .range(10, 65536).build();
    static final FieldSpec GCP_DISK_TYPE = FieldSpec.of("gcp_disk_type", CHOICE, "Boot disk type")
            .choices("pd-balanced", "pd-ssd", "pd-standard", "pd-extreme", "hyperdisk-balanced").build();
    static final FieldSpec GCP_CMEK = FieldSpec.of("gcp_cmek", TEXT, "Customer-managed key")
            .pattern("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$",
                    "projects/P/locations/L/keyRings/R/cryptoKeys/K")
            .help("Optional Cloud KMS key for the boot disk.").build();
    static final FieldSpec GCP_NETWORK = FieldSpec.of("gcp_network", TEXT, "Network").help("VPC network name.")
            .build();
    static final FieldSpec GCP_SUBNETWORK = FieldSpec.of("gcp_subnetwork", TEXT, "Subnetwork").build();
    static final FieldSpec GCP_PUBLIC_IP = FieldSpec.of("gcp_public_ip", BOOLEAN, "Public IP")
            .help("Give agents an ephemeral external IP.").build();
    static final FieldSpec GCP_NETWORK_TAGS = FieldSpec.of("gcp_network_tags", STRING_LIST, "Network tags")
            .pattern("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", "lower-case network tags").build();
    static final FieldSpec GCP_LABELS = FieldSpec.of("gcp_custom_labels", STRING_MAP, "Labels")
            .help("JSON object of extra labels (lower-case keys and values).").build();
    static final FieldSpec GCP_METADATA = FieldSpec.of("gcp_metadata", KEY_VALUE_LIST, "Metadata")
            .help("JSON list of {\"key\": ..., \"value\": ...} metadata items.").build();
    static final FieldSpec GCP_SERVICE_ACCOUNT = FieldSpec.of("gcp_service_account", JSON_OBJECT,
            "Instance service account").help("JSON object {\"email\": ..., \"scopes\": [...]}.").build();
    static final FieldSpec GCP_ACCELERATORS = FieldSpec.of("gcp_guest_accelerators", JSON_OBJECT_LIST,
            "Guest accelerators").help("JSON list of {\"acceleratorType\": ..., \"acceleratorCount\": n}.").build();
    static final FieldSpec GCP_CONFIG_OVERRIDE = FieldSpec.of("gcp_config_override", JSON_OBJECT,
            "Instance config override").help("JSON object merged into the instance; may not set name or labels.")
            .build();

    // Azure
    static final FieldSpec AZ_SUBSCRIPTION = FieldSpec.of("azure_subscription_id", TEXT, "Subscription ID")
            .required().pattern(UUID, "a subscription UUID").build();
    static final FieldSpec AZ_RESOURCE_GROUP = FieldSpec.of("azure_resource_group", TEXT, "Resource group")
            .required().pattern("^[-\\w.()]{1,90}$", "a resource group name").build();
    static final FieldSpec AZ_TENANT = FieldSpec.of("azure_tenant_id", TEXT, "Tenant ID").required()
            .pattern(UUID, "a tenant UUID").build();
    static final FieldSpec AZ_CLIENT_ID = FieldSpec.of("azure_client_id", TEXT, "Client ID").required()
            .pattern(UUID, "an application (client) UUID").build();
    static final FieldSpec AZ_CLIENT_SECRET = FieldSpec.of("azure_client_secret", TEXT, "Client secret").secret()
            .required().help("The app registration's secret; stored encrypted, never shown again.").build();
    static final FieldSpec AZ_AUTHORITY = FieldSpec.of("azure_authority", CHOICE, "Cloud")
            .choices("public", "usgovernment", "china").help("Which Azure cloud the account lives in.").build();
    static final FieldSpec AZ_REGION = FieldSpec.of("azure_region", TEXT, "Region").required()
            .pattern("^[a-z0-9]+$", "a region such as westeurope").build();
    static final FieldSpec AZ_VM_SIZE = FieldSpec.of("azure_vm_size", TEXT, "VM size").required()
            .pattern("^[A-Za-z0-9_]+$", "a VM size such as Standard_NV6ads_A10_v5").build();
    static final FieldSpec AZ_OS_DISK_TYPE = FieldSpec.of("azure_os_disk_type", CHOICE, "OS disk type")
            .choices("Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "Premium_ZRS", "StandardSSD_ZRS").build();
    static final FieldSpec AZ_OS_DISK_SIZE = FieldSpec.of("azure_os_disk_size_gb", INTEGER, "OS disk (GB)")
            .range(30, 4095).build();
    static final FieldSpec AZ_IMAGE = FieldSpec.of("azure_image_reference", JSON_OBJECT, "Image reference")
            .required().help("JSON: {\"publisher\",\"offer\",\"sku\",\"version\"} or {\"id\": \"/subscriptions/...\"}.")
            .build();
    static final FieldSpec AZ_NSG = FieldSpec.of("azure_network_sg", TEXT, "Network security group").build();
    static final FieldSpec AZ_SUBNET = FieldSpec.of("azure_subnet", TEXT, "Subnet").required()
            .pattern("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+"
                    + "/subnets/[^/]+$", "a subnet resource ID (/subscriptions/.../subnets/NAME)").build();
    static final FieldSpec AZ_PUBLIC_IP = FieldSpec.of("azure_public_ip", BOOLEAN, "Public IP").build();
    static final FieldSpec AZ_TAGS = FieldSpec.of("azure_tags", STRING_MAP, "Tags").build();
    static final FieldSpec AZ_OS_USERNAME = FieldSpec.of("azure_os_username", TEXT, "OS user name")
            .pattern("^[a-z_][a-z0-9_-]{0,63}$", "a Linux user name").build();
    static final FieldSpec AZ_OS_PASSWORD = FieldSpec.of("azure_os_password", TEXT, "OS password").secret()
            .help("Optional; stored encrypted, never shown again.").build();
    static final FieldSpec AZ_SSH_KEY = FieldSpec.of("azure_ssh_public_key", SSH_PUBLIC_KEY, "SSH public key")
            .build();
    static final FieldSpec AZ_CONFIG_OVERRIDE = FieldSpec.of("azure_config_override", JSON_OBJECT,
            "VM config override").help("JSON object of dot-notation paths, e.g. "
                    + "{\"os_profile.linux_configuration.ssh.public_keys.0.path\": \"/home/x/.ssh/authorized_keys\"}.")
            .build();

    // RFC 2136 dynamic DNS
    static final FieldSpec RFC2136_SERVER = FieldSpec.of("rfc2136_server", TEXT, "DNS server").required()
            .pattern("^[A-Za-z0-9.:-]+$", "a host name or IP").build();
    static final FieldSpec RFC2136_PORT = FieldSpec.of("rfc2136_port", INTEGER, "Port").range(1, 65535).build();
    static final FieldSpec RFC2136_KEY_NAME = FieldSpec.of("rfc2136_tsig_key_name", TEXT, "TSIG key name")
            .required().build();
    static final FieldSpec RFC2136_ALGORITHM = FieldSpec.of("rfc2136_tsig_algorithm", CHOICE, "TSIG algorithm")
            .choices("hmac-sha256", "hmac-sha512", "hmac-sha1").build();
    static final FieldSpec RFC2136_SECRET = FieldSpec.of("rfc2136_tsig_secret", TEXT, "TSIG secret").secret()
            .required().pattern("^[A-Za-z0-9+/=]{16,}$", "a base64 TSIG secret").build();

    // Simulated
    static final FieldSpec SIM_CORES = FieldSpec.of("sim_cores", INTEGER, "Cores per VM").range(0, 1024).build();
    static final FieldSpec SIM_GPUS = FieldSpec.of("sim_gpus", INTEGER, "GPUs per VM").range(0, 64).build();
    static final FieldSpec SIM_MEMORY = FieldSpec.of("sim_memory_mb", INTEGER, "Memory per VM (MB)")
            .range(0, 4_194_304).build();
    static final FieldSpec SIM_BOOT = FieldSpec.of("sim_boot_seconds", INTEGER, "Boot time (s)").range(0, 3600)
            .help("How long a simulated VM takes before its agent checks in.").build();
    static final FieldSpec SIM_FAILURE_RATE = FieldSpec.of("sim_failure_rate", FieldType.DECIMAL,
            "Failure rate").range(0, 1).help("Share of creates that fail (0 to 1), to watch failover.").build();
}
