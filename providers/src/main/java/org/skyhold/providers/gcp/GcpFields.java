package org.skyhold.providers.gcp;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;

/**
 * The fields of the {@code gcp} VM and DNS kinds, defined once; wire names as the product we replace names them.
 * The service-account key and the project are shared by both kinds. The shape checks of the JSON fields are in
 * {@link GcpFieldChecks}.
 */
public final class GcpFields {
    private GcpFields() {
    }

    public static final FieldSpec CREDENTIALS = FieldSpec.of("gcp_credentials", FieldType.SERVICE_ACCOUNT_JSON,
            "Service-account key").secret().required()
            .help("The service account's JSON key file; stored encrypted, never shown again. OAuth tokens come "
                    + "from its token_uri. Compute needs roles/compute.instanceAdmin.v1 (and "
                    + "roles/iam.serviceAccountUser for an instance service account); Cloud DNS needs roles/dns.admin.")
            .example(ExampleKey.JSON).check(GcpFieldChecks::credentials).build();
    public static final FieldSpec PROJECT = FieldSpec.of("gcp_project", FieldType.TEXT, "Project ID").required()
            .pattern("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", "a project ID such as my-vdi-project")
            .help("The project agents (or, for DNS, the managed zones) live in.").example("vdi-prod-123").build();
    public static final FieldSpec REGION = FieldSpec.of("gcp_region", FieldType.TEXT, "Region").required()
            .pattern("^[a-z]+-[a-z]+\\d+$", "a region such as europe-west4").help("e.g. europe-west4.")
            .example("europe-west4").build();
    public static final FieldSpec ZONE = FieldSpec.of("gcp_zone", FieldType.TEXT, "Zone").required()
            .pattern("^[a-z]+-[a-z]+\\d+-[a-z]$", "a zone such as europe-west4-a")
            .help("A zone of the region above, e.g. europe-west4-a.").example("europe-west4-a").build();
    public static final FieldSpec MACHINE_TYPE = FieldSpec.of("gcp_machine_type", FieldType.TEXT, "Machine type")
            .required().pattern("^[a-z0-9-]+$", "a machine type such as n1-standard-8")
            .help("e.g. n1-standard-8 (add a GPU below) or g2-standard-8 (GPU built in).").example("n1-standard-8")
            .build();
    public static final FieldSpec IMAGE = FieldSpec.of("gcp_image", FieldType.TEXT, "Image").required()
            .help("Image URL or projects/PROJECT/global/images/NAME (or .../images/family/FAMILY).")
            .example("projects/vdi-prod-123/global/images/agent-v7").build();
    public static final FieldSpec BOOT_VOLUME_GB = FieldSpec.of("gcp_boot_volume_gb", FieldType.INTEGER,
            "Boot disk (GB)").range(10, 65536).help("Boot disk size; empty keeps the image's.").example("100").build();
    public static final FieldSpec DISK_TYPE = FieldSpec.of("gcp_disk_type", FieldType.CHOICE, "Boot disk type")
            .choices("pd-balanced", "pd-ssd", "pd-standard", "pd-extreme", "hyperdisk-balanced")
            .help("Empty takes the zone's default (pd-standard).").example("pd-ssd").build();
    public static final FieldSpec CMEK = FieldSpec.of("gcp_cmek", FieldType.TEXT, "Customer-managed key")
            .pattern("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$",
                    "projects/P/locations/L/keyRings/R/cryptoKeys/K")
            .help("Optional Cloud KMS key for the boot disk.")
            .example("projects/vdi-prod-123/locations/europe-west4/keyRings/vdi/cryptoKeys/disks").build();
    public static final FieldSpec NETWORK = FieldSpec.of("gcp_network", FieldType.TEXT, "Network")
            .pattern("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$|^(https://|projects/|global/).+$",
                    "a VPC network name such as vdi, or its path projects/P/global/networks/N")
            .help("VPC network name; empty uses the project's default network.").example("vdi").build();
    public static final FieldSpec SUBNETWORK = FieldSpec.of("gcp_subnetwork", FieldType.TEXT, "Subnetwork")
            .pattern("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$|^(https://|projects/|regions/).+$",
                    "a subnetwork name such as vdi-agents, or its path projects/P/regions/R/subnetworks/S")
            .help("Subnetwork of the region above; empty lets the network choose (auto-mode networks).")
            .example("vdi-agents").build();
    public static final FieldSpec PUBLIC_IP = FieldSpec.of("gcp_public_ip", FieldType.BOOLEAN, "Public IP")
            .help("Give agents an ephemeral external IP.").example("true").build();
    public static final FieldSpec NETWORK_TAGS = FieldSpec.of("gcp_network_tags", FieldType.STRING_LIST,
            "Network tags").pattern("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", "lower-case network tags")
            .help("JSON list of network tags (firewall rules select agents by them).")
            .example("[\"vdi-agent\",\"https\"]").build();
    public static final FieldSpec CUSTOM_LABELS = FieldSpec.of("gcp_custom_labels", FieldType.STRING_MAP, "Labels")
            .help("JSON object of extra labels (lower-case keys and values).").example("{\"team\":\"vdi\"}")
            .check(GcpFieldChecks::labels).build();
    public static final FieldSpec METADATA = FieldSpec.of("gcp_metadata", FieldType.KEY_VALUE_LIST, "Metadata")
            .help("JSON list of {\"key\": ..., \"value\": ...} metadata items; Skyhold sets startup-script.")
            .example("[{\"key\":\"enable-oslogin\",\"value\":\"TRUE\"}]").check(GcpFieldChecks::metadata).build();
    public static final FieldSpec SERVICE_ACCOUNT = FieldSpec.of("gcp_service_account", FieldType.JSON_OBJECT,
            "Instance service account").help("JSON object {\"email\": ..., \"scopes\": [...]}; scopes default to "
                    + "cloud-platform.")
            .example("{\"email\":\"agent@vdi-prod-123.iam.gserviceaccount.com\","
                    + "\"scopes\":[\"https://www.googleapis.com/auth/cloud-platform\"]}")
            .check(GcpFieldChecks::serviceAccount).build();
    public static final FieldSpec ACCELERATORS = FieldSpec.of("gcp_guest_accelerators", FieldType.JSON_OBJECT_LIST,
            "Guest accelerators").help("JSON list of {\"acceleratorType\": ..., \"acceleratorCount\": n}; a bare type "
                    + "such as nvidia-tesla-t4 is taken in the zone above. Agents with one stop for host maintenance.")
            .example("[{\"acceleratorType\":\"nvidia-tesla-t4\",\"acceleratorCount\":1}]")
            .check(GcpFieldChecks::accelerators).build();
    public static final FieldSpec CONFIG_OVERRIDE = FieldSpec.of("gcp_config_override", FieldType.JSON_OBJECT,
            "Instance config override").help("JSON object merged into the instance (Compute's REST field names); "
                    + "may not set name or labels.")
            .example("{\"scheduling\":{\"automaticRestart\":false}}").check(GcpFieldChecks::override).build();

    /** The VM kind's fields in page order. */
    static final List<FieldSpec> VM = List.of(CREDENTIALS, PROJECT, REGION, ZONE, MACHINE_TYPE, IMAGE, BOOT_VOLUME_GB,
            DISK_TYPE, CMEK, NETWORK, SUBNETWORK, PUBLIC_IP, NETWORK_TAGS, CUSTOM_LABELS, METADATA, SERVICE_ACCOUNT,
            ACCELERATORS, CONFIG_OVERRIDE);

    /** The DNS kind's fields in page order. */
    static final List<FieldSpec> DNS = List.of(CREDENTIALS, PROJECT);

    /** A key file with a fresh RSA key, so the example of the credentials field is one that parses. */
    private static final class ExampleKey {
        static final String JSON = generate();

        private static String generate() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
                String pem = "-----BEGIN PRIVATE KEY-----\\n" + body.replace("\n", "\\n")
                        + "\\n-----END PRIVATE KEY-----\\n";
                return "{\"type\":\"service_account\",\"project_id\":\"vdi-prod-123\",\"private_key_id\":"
                        + "\"0123456789abcdef0123456789abcdef01234567\",\"private_key\":\"" + pem + "\","
                        + "\"client_email\":\"skyhold@vdi-prod-123.iam.gserviceaccount.com\",\"client_id\":"
                        + "\"100000000000000000001\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
