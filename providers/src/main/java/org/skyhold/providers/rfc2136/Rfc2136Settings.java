package org.skyhold.providers.rfc2136;

import java.util.Base64;
import java.util.Locale;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * An {@code rfc2136} provider's settings, read once through the kind's {@link Rfc2136Fields}: the same reader runs
 * when the settings are saved and when the provider is built. {@code zone} is null when the zone is to be found by
 * an SOA query. {@link #toString()} never shows the secret.
 */
public record Rfc2136Settings(String server, int port, Name keyName, Name algorithm, String secret, boolean tcp,
                              Name zone) {

    /**
     * Reads and checks every field; no network.
     *
     * @throws InvalidFieldException naming the field at fault
     */
    public static Rfc2136Settings read(KindSettings settings) {
        ProviderFields f = settings.fields();
        String server = f.requiredText(Rfc2136Fields.SERVER);
        matches(Rfc2136Fields.SERVER, server);
        Long port = f.integer(Rfc2136Fields.PORT);
        if (port != null && (port < 1 || port > 65535)) {
            throw new InvalidFieldException(Rfc2136Fields.PORT.name(), "must be a port from 1 to 65535");
        }
        String keyName = f.requiredText(Rfc2136Fields.KEY_NAME);
        matches(Rfc2136Fields.KEY_NAME, keyName);
        String algorithm = choice(f, Rfc2136Fields.ALGORITHM, Rfc2136Fields.HMAC_SHA256);
        String secret = settings.requiredSecret(Rfc2136Fields.SECRET);
        if (!isBase64(secret.trim())) {
            throw new InvalidFieldException(Rfc2136Fields.SECRET.name(),
                    "must be the key's base64 secret as tsig-keygen prints it");
        }
        String protocol = choice(f, Rfc2136Fields.PROTOCOL, Rfc2136Fields.TCP);
        String zone = f.text(Rfc2136Fields.ZONE);
        if (zone != null) {
            matches(Rfc2136Fields.ZONE, zone);
        }
        return new Rfc2136Settings(server, port == null ? Rfc2136Fields.DNS_PORT : port.intValue(),
                name(Rfc2136Fields.KEY_NAME, keyName), TSIG.algorithmToName(algorithm), secret.trim(),
                Rfc2136Fields.TCP.equals(protocol), zone == null ? null : name(Rfc2136Fields.ZONE, zone));
    }

    /** The key as dnsjava signs with it. */
    TSIG tsig() {
        return new TSIG(algorithm, keyName, secret);
    }

    /** The key's name as the operator wrote it, for messages. */
    String keyLabel() {
        return keyName.toString(true);
    }

    /** "host:port", for messages. */
    String serverLabel() {
        return (server.contains(":") ? "[" + server + "]" : server) + ":" + port;
    }

    /** A DNS name (absolute) from an operator's text, refused naming the field. */
    static Name name(FieldSpec spec, String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new InvalidFieldException(spec.name(), "must be a DNS name (" + e.getMessage() + ")");
        }
    }

    private static String choice(ProviderFields f, FieldSpec spec, String fallback) {
        String v = f.text(spec);
        if (v == null) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!spec.choices().contains(lower)) {
            throw new InvalidFieldException(spec.name(), "must be one of " + String.join(", ", spec.choices()));
        }
        return lower;
    }

    private static void matches(FieldSpec spec, String value) {
        if (spec.pattern() != null && !spec.pattern().matcher(value).matches()) {
            throw new InvalidFieldException(spec.name(), "must be " + spec.patternHint());
        }
    }

    private static boolean isBase64(String s) {
        try {
            return Base64.getDecoder().decode(s).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Rfc2136Settings[server=" + serverLabel() + ", key=" + keyLabel() + ", algorithm="
                + algorithm.toString(true) + ", secret=****, " + (tcp ? "tcp" : "udp") + ", zone="
                + (zone == null ? "(by SOA)" : zone) + "]";
    }
}
