package org.skyhold.providers.oci;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;

/**
 * The fields of the {@code oci} VM and DNS kinds, defined once; wire names as the product we replace names them.
 * The credentials (user, fingerprint, key, region, tenancy) and the compartment are shared by both kinds.
 */
public final class OciFields {
    private OciFields() {
    }

    private static final String OCID = "^ocid1\\.[a-z0-9]+\\.[a-z0-9-]+\\.[a-z0-9-]*(\\.[a-z0-9-]*)?\\.[a-z0-9]{20,}$";
    private static final String OCID_HINT = "an OCID such as ocid1.subnet.oc1.eu-frankfurt-1.aaaa...";

    public static final FieldSpec USER = FieldSpec.of("oci_user_ocid", FieldType.TEXT, "User OCID").required()
            .pattern(OCID, OCID_HINT).help("OCID of the API user whose signing key is below.")
            .example("ocid1.user.oc1..aaaaaaaa2l4v3fex6kq3lbqmkqb7ovsb3ukwzvwq5nvd4rpkd").build();
    public static final FieldSpec FINGERPRINT = FieldSpec.of("oci_fingerprint", FieldType.TEXT, "Key fingerprint")
            .required().pattern("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", "a fingerprint such as 12:34:...:ef (16 pairs)")
            .help("Fingerprint of the API signing key, as the console shows it under the user's API keys.")
            .example("12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0").build();
    public static final FieldSpec PRIVATE_KEY = FieldSpec.of("oci_private_key", FieldType.PEM_PRIVATE_KEY,
            "Private key").secret().required()
            .help("The API signing key (RSA, PEM, unencrypted); stored encrypted, never shown again.")
            .example(ExampleKey.PEM).build();
    public static final FieldSpec REGION = FieldSpec.of("oci_region", FieldType.TEXT, "Region").required()
            .pattern("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$", "a region identifier such as eu-frankfurt-1")
            .help("Region identifier, e.g. eu-frankfurt-1 or us-ashburn-1.").example("eu-frankfurt-1").build();
    public static final FieldSpec TENANCY = FieldSpec.of("oci_tenancy_ocid", FieldType.TEXT, "Tenancy OCID")
            .required().pattern(OCID, OCID_HINT).help("OCID of the tenancy.")
            .example("ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2bcmuimcyeaqynf7").build();
    public static final FieldSpec COMPARTMENT = FieldSpec.of("oci_compartment_ocid", FieldType.TEXT,
            "Compartment OCID").required().pattern(OCID, OCID_HINT)
            .help("Compartment the agents (or, for DNS, the zones) live in.")
            .example("ocid1.compartment.oc1..aaaaaaaayzfqeibduyox6iib3olcmdar3ugly").build();
    /**
     * {@code <tenancy prefix>:<REGION>-AD-<n>}: Ashburn and Phoenix name theirs without the region's digit
     * ({@code Uocm:US-ASHBURN-AD-1}, {@code Uocm:PHX-AD-1}), the later regions with it
     * ({@code Uocm:EU-FRANKFURT-1-AD-1}).
     */
    public static final FieldSpec AVAILABILITY_DOMAIN = FieldSpec.of("oci_availability_domain", FieldType.TEXT,
            "Availability domain").required()
            .pattern("^[A-Za-z0-9]+:[A-Z]+(-[A-Z]+)*(-\\d+)?-AD-\\d+$",
                    "an availability domain such as Uocm:EU-FRANKFURT-1-AD-1 or Uocm:US-ASHBURN-AD-1")
            .help("As the console shows it, e.g. Uocm:EU-FRANKFURT-1-AD-1 or Uocm:US-ASHBURN-AD-1.")
            .example("Uocm:EU-FRANKFURT-1-AD-1").build();
    public static final FieldSpec IMAGE = FieldSpec.of("oci_image_ocid", FieldType.TEXT, "Image OCID").required()
            .pattern(OCID, OCID_HINT).help("The agent image.")
            .example("ocid1.image.oc1.eu-frankfurt-1.aaaaaaaa6n5kbmc4tsqbbkaaxxbw5b3y").build();
    public static final FieldSpec SHAPE = FieldSpec.of("oci_shape", FieldType.TEXT, "Shape").required()
            .pattern("^[A-Za-z0-9.]+$", "a shape such as VM.Standard.E4.Flex")
            .help("e.g. VM.Standard.E4.Flex (set OCPUs and memory below) or VM.GPU.A10.1.")
            .example("VM.Standard.E4.Flex").build();
    public static final FieldSpec FLEX_OCPUS = FieldSpec.of("oci_flex_cpus", FieldType.INTEGER, "Flex OCPUs")
            .range(1, 128).help("OCPUs of a flexible shape (required for one); empty for fixed shapes.")
            .example("4").build();
    public static final FieldSpec FLEX_MEMORY_GB = FieldSpec.of("oci_flex_memory_gb", FieldType.INTEGER,
            "Flex memory (GB)").range(1, 2048)
            .help("Memory of a flexible shape; empty takes the shape's default for the OCPUs.").example("32").build();
    public static final FieldSpec BOOT_VOLUME_GB = FieldSpec.of("oci_boot_volume_gb", FieldType.INTEGER,
            "Boot volume (GB)").range(50, 32768).help("Boot volume size; empty keeps the image's.").example("100")
            .build();
    public static final FieldSpec CUSTOM_TAGS = FieldSpec.of("oci_custom_tags", FieldType.STRING_MAP,
            "Freeform tags").help("JSON object of extra freeform tags, e.g. {\"team\": \"vdi\"}.")
            .example("{\"team\":\"vdi\"}").check(OciFields::checkTags).build();
    public static final FieldSpec SUBNET = FieldSpec.of("oci_subnet_ocid", FieldType.TEXT, "Subnet OCID").required()
            .pattern(OCID, OCID_HINT)
            .help("Subnet agents are placed in; they get a public IP when the subnet allows public IPs.")
            .example("ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaa7ypmxo5l2oecqgc4mzmvtq").build();
    public static final FieldSpec SSH_PUBLIC_KEY = FieldSpec.of("oci_ssh_public_key", FieldType.SSH_PUBLIC_KEY,
            "SSH public key").help("Optional OpenSSH public key installed for the opc user.")
            .example("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example")
            .build();

    /** The fields both kinds need to sign requests. */
    static final List<FieldSpec> CREDENTIALS = List.of(USER, FINGERPRINT, PRIVATE_KEY, REGION, TENANCY);

    /** The VM kind's fields in page order. */
    static final List<FieldSpec> VM = List.of(USER, FINGERPRINT, PRIVATE_KEY, REGION, TENANCY, COMPARTMENT,
            AVAILABILITY_DOMAIN, IMAGE, SHAPE, FLEX_OCPUS, FLEX_MEMORY_GB, BOOT_VOLUME_GB, CUSTOM_TAGS, SUBNET,
            SSH_PUBLIC_KEY);

    /** The DNS kind's fields in page order. */
    static final List<FieldSpec> DNS = List.of(USER, FINGERPRINT, PRIVATE_KEY, REGION, TENANCY, COMPARTMENT);

    /** OCI's limits on freeform tags, and Skyhold's own keys, which the operator may not set. */
    private static void checkTags(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return; // the type check says "must be a JSON object"
        }
        map.forEach((k, v) -> {
            String key = k.toString();
            if (key.isEmpty() || key.length() > 100 || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("has a key \"" + key + "\": freeform tag keys are 1 to 100 "
                        + "characters without spaces");
            }
            if (key.startsWith("skyhold-")) {
                throw new IllegalArgumentException("may not set " + key + " (Skyhold sets its skyhold- tags)");
            }
            if (String.valueOf(v).length() > 256) {
                throw new IllegalArgumentException("has a value longer than 256 characters under " + key);
            }
        });
    }

    /** A fresh RSA key as PEM, so the example of the key field is one that parses (OCI takes RSA keys only). */
    private static final class ExampleKey {
        static final String PEM = generate();

        private static String generate() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
                return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
