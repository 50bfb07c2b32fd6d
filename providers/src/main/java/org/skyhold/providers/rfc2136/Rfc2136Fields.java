package org.skyhold.providers.rfc2136;

import java.util.List;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;

/**
 * The {@code rfc2136} kind's fields, named as the product we replace names them. Only this package names them;
 * {@link Rfc2136Settings} reads them.
 */
final class Rfc2136Fields {
    static final String HMAC_SHA256 = "hmac-sha256";
    static final String TCP = "tcp";
    static final String UDP = "udp";
    static final int DNS_PORT = 53;

    static final FieldSpec SERVER = FieldSpec.of("rfc2136_server", FieldType.TEXT, "DNS server").required().endpoint()
            .pattern("^[A-Za-z0-9.:-]+$", "a host name or IP")
            .help("The primary server of the zone, which accepts dynamic updates (host name or IP).")
            .example("ns1.example.com").build();
    static final FieldSpec PORT = FieldSpec.of("rfc2136_port", FieldType.INTEGER, "Port").range(1, 65535)
            .help("The server's DNS port; 53 when empty.").example("53").build();
    static final FieldSpec KEY_NAME = FieldSpec.of("rfc2136_tsig_key_name", FieldType.TEXT, "TSIG key name")
            .required().pattern("^[A-Za-z0-9._-]+$", "a key name such as skyhold-key")
            .help("The name of the key in the server's configuration (key \"skyhold-key\" { ... }).")
            .example("skyhold-key").build();
    static final FieldSpec ALGORITHM = FieldSpec.of("rfc2136_tsig_algorithm", FieldType.CHOICE, "TSIG algorithm")
            .choices(HMAC_SHA256, "hmac-sha512", "hmac-sha1").help("The key's algorithm; hmac-sha256 when empty.")
            .example(HMAC_SHA256).build();
    static final FieldSpec SECRET = FieldSpec.of("rfc2136_tsig_secret", FieldType.TEXT, "TSIG secret").secret()
            .required().pattern("^[A-Za-z0-9+/=]{16,}$", "a base64 TSIG secret")
            .help("The key's base64 secret, as tsig-keygen prints it.")
            .example("2bBvYvxmFXEp4sUXrVtYUjsLqOwJbVQpkb6D0MlgGxw=").build();
    static final FieldSpec PROTOCOL = FieldSpec.of("rfc2136_protocol", FieldType.CHOICE, "Protocol")
            .choices(TCP, UDP).help("How updates are sent; tcp when empty. Zone transfers always use TCP.")
            .example(TCP).build();
    static final FieldSpec ZONE = FieldSpec.of("rfc2136_zone", FieldType.TEXT, "Zone")
            .pattern("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?$", "a zone name such as example.com")
            .help("The zone that holds the base domain; found by asking the server for the base domain's SOA "
                    + "when empty.")
            .example("example.com").build();

    static final List<FieldSpec> ALL = List.of(SERVER, PORT, KEY_NAME, ALGORITHM, SECRET, PROTOCOL, ZONE);

    private Rfc2136Fields() {
    }
}
