package org.skyhold.providers.digitalocean;

import static org.skyhold.domain.kind.FieldType.STRING_LIST;
import static org.skyhold.domain.kind.FieldType.TEXT;

import java.util.List;
import org.skyhold.domain.kind.FieldSpec;

/**
 * The fields of the two DigitalOcean kinds, defined once: the API token is shared by droplets and DNS. The token's
 * example is visibly fake.
 */
final class DigitalOceanFields {
    private DigitalOceanFields() {
    }

    private static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    static final FieldSpec TOKEN = FieldSpec.of("digital_ocean_token", TEXT, "API token").secret().required()
            .pattern("^[A-Za-z0-9_]{20,128}$", "a personal access token (dop_v1_...)")
            .help("A personal access token with full access, or the custom scopes listed in the README; stored "
                    + "encrypted, never shown again.")
            .example("dop_v1_EXAMPLE0000000000000000000000000000000000000000000000000000").build();
    static final FieldSpec REGION = FieldSpec.of("digital_ocean_region", TEXT, "Region").required()
            .pattern("^[a-z]{3}\\d$", "a region slug such as fra1").help("Region slug, e.g. nyc3 or fra1.")
            .example("fra1").build();
    static final FieldSpec IMAGE = FieldSpec.of("digital_ocean_droplet_image", TEXT, "Droplet image").required()
            .help("Image slug or ID of the agent image, e.g. ubuntu-24-04-x64 or 123456789.")
            .example("ubuntu-24-04-x64").build();
    static final FieldSpec SIZE = FieldSpec.of("digital_ocean_droplet_size", TEXT, "Droplet size").required()
            .pattern("^[a-z0-9-]+$", "a size slug such as s-4vcpu-8gb").help("Size slug, e.g. s-4vcpu-8gb.")
            .example("s-4vcpu-8gb").build();
    static final FieldSpec TAGS = FieldSpec.of("digital_ocean_tags", STRING_LIST, "Tags")
            .pattern("^[A-Za-z0-9_:-]{1,255}$", "tags of letters, digits, _ : and -")
            .help("JSON list of extra droplet tags (one tag may be given as plain text); missing tags are created.")
            .example("[\"vdi\",\"env:prod\"]").build();
    static final FieldSpec SSH_KEY_NAME = FieldSpec.of("digital_ocean_sshkey_name", TEXT, "SSH key name")
            .help("Name of an SSH key in the account to install on agents (optional).").example("ops").build();
    static final FieldSpec FIREWALL_NAME = FieldSpec.of("digital_ocean_firewall_name", TEXT, "Firewall name")
            .help("Name of a cloud firewall; the zone's tag is added to it so every agent gets it (optional).")
            .example("agents-fw").build();
    static final FieldSpec VPC_UUID = FieldSpec.of("digital_ocean_vpc_uuid", TEXT, "VPC UUID")
            .pattern(UUID, "a VPC UUID").help("Optional VPC to place agents in; empty uses the region's default.")
            .example("5a4981aa-9653-4bd1-bef5-d6bff52042e4").build();

    /** The VM kind's fields in page order. */
    static final List<FieldSpec> DROPLETS = List.of(TOKEN, REGION, IMAGE, SIZE, TAGS, SSH_KEY_NAME, FIREWALL_NAME,
            VPC_UUID);
    /** The DNS kind's fields. */
    static final List<FieldSpec> DNS = List.of(TOKEN);
}
