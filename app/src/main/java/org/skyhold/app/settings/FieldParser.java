package org.skyhold.app.settings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;

/**
 * Checks one raw value (as typed in a form, or taken from JSON) against its {@link FieldSpec}, including the
 * kind's own {@link FieldSpec#check()} of a JSON value, and returns the canonical text: trimmed text, plain
 * numbers, compact JSON. {@link #stored} turns canonical text into the value a
 * {@link org.skyhold.domain.kind.ProviderFields} holds (a plain-Java tree for JSON types) and {@link #text} back.
 * Every refusal is an {@link IllegalArgumentException} whose message completes "FIELD ..." for the operator.
 */
public final class FieldParser {
    private static final int MAX_TEXT = 65_536;
    private final ObjectMapper json;

    public FieldParser(ObjectMapper json) {
        this.json = json;
    }

    /** @param raw a non-empty value */
    public String parse(FieldSpec spec, String raw) {
        if (raw.length() > MAX_TEXT) {
            throw new IllegalArgumentException("is longer than " + MAX_TEXT + " characters");
        }
        return switch (spec.type()) {
            case TEXT -> matching(spec, raw.trim());
            case MULTILINE -> raw.replace("\r\n", "\n");
            case INTEGER -> integer(spec, raw.trim());
            case DECIMAL -> decimal(spec, raw.trim());
            case BOOLEAN -> bool(raw.trim());
            case CHOICE -> choice(spec, raw.trim());
            case STRING_LIST -> checked(spec, stringList(spec, raw));
            case STRING_MAP -> checked(spec, stringMap(spec, raw));
            case KEY_VALUE_LIST -> checked(spec, keyValueList(spec, raw));
            case JSON_OBJECT -> checked(spec, object(spec, raw, "must be a JSON object"));
            case JSON_OBJECT_LIST -> checked(spec, objectList(spec, raw));
            case PEM_PRIVATE_KEY -> {
                Pems.privateKey(raw);
                yield raw.trim() + "\n";
            }
            case PEM_CERTIFICATE -> {
                Pems.certificates(raw);
                yield raw.trim() + "\n";
            }
            case SSH_PUBLIC_KEY -> {
                SshPublicKeys.check(raw);
                yield raw.trim();
            }
            case SERVICE_ACCOUNT_JSON -> checked(spec, serviceAccount(spec, raw));
            case URL -> url(raw.trim());
        };
    }

    /**
     * The value a provider's fields hold for canonical text from {@link #parse}: the text itself, or for a JSON type
     * ({@link org.skyhold.domain.kind.FieldType#isJson()}) the plain-Java tree of maps and lists.
     */
    public Object stored(FieldSpec spec, String canonical) {
        if (canonical == null || !spec.type().isJson()) {
            return canonical;
        }
        try {
            return json.readValue(canonical, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON of " + spec.name() + " does not parse", e);
        }
    }

    /** The text a form shows for a stored value: JSON trees as compact JSON, anything else as its text. */
    public String text(Object stored) {
        if (stored == null || stored instanceof String) {
            return (String) stored;
        }
        if (stored instanceof Map<?, ?> || stored instanceof List<?>) {
            try {
                return json.writeValueAsString(stored);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored JSON value cannot be written", e);
            }
        }
        return stored.toString();
    }

    /** The kind's own check of the parsed value; its refusal reads "FIELD MESSAGE". */
    private String checked(FieldSpec spec, JsonNode node) {
        spec.check().check(json.convertValue(node, Object.class));
        return node.toString();
    }

    private JsonNode objectList(FieldSpec spec, String raw) {
        JsonNode node = array(spec, raw, "must be a JSON list of objects");
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("must be a JSON list of objects");
            }
        }
        return node;
    }

    private static String matching(FieldSpec spec, String value) {
        if (spec.pattern() != null && !spec.pattern().matcher(value).matches()) {
            throw new IllegalArgumentException("must be " + spec.patternHint());
        }
        if (value.contains("\n")) {
            throw new IllegalArgumentException("must be one line");
        }
        return value;
    }

    private static String integer(FieldSpec spec, String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number" + range(spec));
        }
        if (n < spec.min() || n > spec.max()) {
            throw new IllegalArgumentException("must be a whole number" + range(spec));
        }
        return Long.toString(n);
    }

    private static String decimal(FieldSpec spec, String value) {
        BigDecimal d;
        try {
            d = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number" + range(spec));
        }
        if (d.compareTo(BigDecimal.valueOf(spec.min())) < 0 || d.compareTo(BigDecimal.valueOf(spec.max())) > 0) {
            throw new IllegalArgumentException("must be a number" + range(spec));
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static String range(FieldSpec spec) {
        return spec.max() == Long.MAX_VALUE ? " of at least " + spec.min()
                : " from " + spec.min() + " to " + spec.max();
    }

    private static String bool(String value) {
        return switch (value) {
            case "true", "on", "1" -> "true";
            case "false", "off", "0" -> "false";
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static String choice(FieldSpec spec, String value) {
        if (!spec.choices().contains(value)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", spec.choices()));
        }
        return value;
    }

    /**
     * A JSON list. Plain text (not starting with {@code [} or <code>{</code>) is a list of that one item: the product
     * we replace takes one DigitalOcean tag as a plain string.
     */
    private JsonNode stringList(FieldSpec spec, String raw) {
        String t = raw.trim();
        JsonNode node = t.startsWith("[") || t.startsWith("{") ? array(spec, raw, "must be a JSON list of strings")
                : json.createArrayNode().add(t);
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("must be a JSON list of strings");
            }
            if (spec.pattern() != null && !spec.pattern().matcher(item.asText()).matches()) {
                throw new IllegalArgumentException("must list " + spec.patternHint() + "; \"" + item.asText()
                        + "\" is not one");
            }
        }
        return node;
    }

    private JsonNode stringMap(FieldSpec spec, String raw) {
        JsonNode node = object(spec, raw, "must be a JSON object of strings");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getKey().isBlank()) {
                throw new IllegalArgumentException("must be a JSON object of strings; \"" + e.getKey()
                        + "\" is not a string");
            }
        }
        return node;
    }

    private JsonNode keyValueList(FieldSpec spec, String raw) {
        JsonNode node = array(spec, raw, "must be a JSON list of {\"key\": ..., \"value\": ...} objects");
        for (JsonNode item : node) {
            if (!item.isObject() || item.size() != 2 || !item.path("key").isTextual()
                    || !item.path("value").isTextual()) {
                throw new IllegalArgumentException("must be a JSON list of {\"key\": ..., \"value\": ...} objects");
            }
        }
        return node;
    }

    private JsonNode serviceAccount(FieldSpec spec, String raw) {
        JsonNode node = object(spec, raw, "must be a service-account JSON key file");
        if (!"service_account".equals(node.path("type").asText()) || !node.path("client_email").isTextual()
                || !node.path("private_key").isTextual()) {
            throw new IllegalArgumentException(
                    "must be a service-account JSON key file (type service_account, client_email, private_key)");
        }
        try {
            Pems.privateKey(node.path("private_key").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a private_key that " + e.getMessage());
        }
        return node;
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
    }

    private JsonNode object(FieldSpec spec, String raw, String message) {
        JsonNode node = read(spec, raw, message);
        if (!node.isObject()) {
            throw new IllegalArgumentException(message);
        }
        return node;
    }

    private JsonNode array(FieldSpec spec, String raw, String message) {
        JsonNode node = read(spec, raw, message);
        if (!node.isArray()) {
            throw new IllegalArgumentException(message);
        }
        return node;
    }

    /**
     * Reads exactly one JSON value: text after it is refused rather than dropped. Jackson's own message quotes the
     * offending token, so for a secret only the position is given: a refusal must never echo a secret.
     */
    private JsonNode read(FieldSpec spec, String raw, String message) {
        try (JsonParser parser = json.createParser(raw)) {
            JsonNode node = json.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(message);
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(message + " (there is more text after the JSON value)");
            }
            return node;
        } catch (JsonProcessingException e) {
            String detail = !spec.secret() ? e.getOriginalMessage() : e.getLocation() == null ? "not valid JSON"
                    : "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(message + " (" + detail + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
