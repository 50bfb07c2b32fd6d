package org.skyhold.domain.kind;

/** How a settings field is written in a form and in JSON, and how the settings parser checks it. */
public enum FieldType {
    /** One line of text, optionally matched against the field's pattern. */
    TEXT,
    /** Several lines of text (startup scripts, certificates). */
    MULTILINE,
    /** A whole number within the field's range. */
    INTEGER,
    /** A decimal number within the field's range. */
    DECIMAL,
    /** true or false; a form sends a checkbox. */
    BOOLEAN,
    /** One of the field's choices. */
    CHOICE,
    /** A JSON list of strings, each matching the field's pattern when it has one. */
    STRING_LIST,
    /** A JSON object whose values are strings. */
    STRING_MAP,
    /** A JSON list of {@code {"key": ..., "value": ...}} objects. */
    KEY_VALUE_LIST,
    /** Any JSON object; the field's own check looks inside. */
    JSON_OBJECT,
    /** A JSON list of objects; the field's own check looks inside. */
    JSON_OBJECT_LIST,
    /** A PEM private key (PKCS#8, or PKCS#1 RSA). */
    PEM_PRIVATE_KEY,
    /** A PEM X.509 certificate chain. */
    PEM_CERTIFICATE,
    /** An OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}). */
    SSH_PUBLIC_KEY,
    /** A Google service-account key file (JSON with a PEM private key inside). */
    SERVICE_ACCOUNT_JSON,
    /** An http(s) URL. */
    URL;

    /**
     * Whether values of this type are JSON structures (stored as JSON in the settings column, held as plain Java
     * maps and lists in {@link ProviderFields}); all other types are stored as their canonical text.
     */
    public boolean isJson() {
        return switch (this) {
            case STRING_LIST, STRING_MAP, KEY_VALUE_LIST, JSON_OBJECT, JSON_OBJECT_LIST, SERVICE_ACCOUNT_JSON -> true;
            default -> false;
        };
    }
}
