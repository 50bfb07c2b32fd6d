package org.skyhold.persistence.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.domain.port.SecretCipher;

/**
 * The stored form of a provider's kind-specific settings: {@code fields} as a JSON object for the {@code settings}
 * jsonb column (scalars as strings, JSON-typed fields as real JSON), {@code secrets} as one JSON object sealed
 * under the column's context for the {@code secrets} bytea column (NULL when there are none), with their names in
 * the clear in {@code secret_names}. Secrets read back are opened lazily: the sealed object is decrypted once, on
 * the first {@link Secret#reveal()} of any of them, so listing or showing a provider decrypts nothing.
 *
 * <p>Failures to encode or decode secrets are reported without the underlying exception: JSON parser messages
 * may quote the input, and here the input is plain text.
 */
final class ProviderColumns {
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final String secretsContext;

    /** @param secretsContext the {@code table.column} the sealed secrets are stored in */
    ProviderColumns(SecretCipher cipher, ObjectMapper json, String secretsContext) {
        this.cipher = cipher;
        this.json = json;
        this.secretsContext = secretsContext;
    }

    String fieldsJson(ProviderFields fields) {
        try {
            return json.writeValueAsString(fields.values());
        } catch (JsonProcessingException e) {
            throw new RepositoryException("could not encode provider fields as JSON", e);
        }
    }

    ProviderFields fields(String stored) {
        try {
            return ProviderFields.of(json.readValue(stored, OBJECT));
        } catch (IOException e) {
            throw new RepositoryException("the stored provider fields are not a JSON object", e);
        }
    }

    /** The sealed form of {@code secrets}, or null when there are none. */
    byte[] seal(Map<String, Secret> secrets) {
        if (secrets.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        secrets.forEach((name, secret) -> plain.put(name, secret.reveal()));
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(plain);
        } catch (JsonProcessingException e) {
            throw new RepositoryException("could not encode provider secrets");
        }
        try {
            return cipher.seal(bytes, secretsContext);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The names for the {@code secret_names} column, in a stable order. */
    static List<String> names(Map<String, Secret> secrets) {
        return secrets.keySet().stream().sorted().toList();
    }

    /**
     * The secrets of a stored (possibly NULL) sealed value, each opened on first use; {@code names} null (a row
     * from before the names column) opens them now.
     */
    Map<String, Secret> read(byte[] sealed, String[] names) {
        if (sealed == null || names == null) {
            return open(sealed);
        }
        Supplier<Map<String, Secret>> opened = new Supplier<>() {
            private Map<String, Secret> all;

            @Override
            public synchronized Map<String, Secret> get() {
                if (all == null) {
                    all = open(sealed);
                }
                return all;
            }
        };
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String name : names) {
            secrets.put(name, Secret.opening(() -> {
                Secret s = opened.get().get(name);
                if (s == null) {
                    throw new RepositoryException(secretsContext + " does not hold " + name);
                }
                return s.reveal();
            }));
        }
        return Collections.unmodifiableMap(secrets);
    }

    /** The secrets of a stored (possibly NULL) sealed value, opened now. */
    Map<String, Secret> open(byte[] sealed) {
        if (sealed == null) {
            return Map.of();
        }
        byte[] bytes;
        try {
            bytes = cipher.open(sealed, secretsContext);
        } catch (IllegalStateException e) {
            throw new RepositoryException("could not open " + secretsContext + ": " + e.getMessage(), e);
        }
        try {
            Map<String, String> plain = json.readValue(bytes, STRINGS);
            Map<String, Secret> secrets = new LinkedHashMap<>();
            plain.forEach((name, value) -> secrets.put(name, Secret.of(value)));
            return secrets;
        } catch (IOException e) {
            throw new RepositoryException(secretsContext + " does not hold a JSON object of strings");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
