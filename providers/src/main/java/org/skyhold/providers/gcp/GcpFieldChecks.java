package org.skyhold.providers.gcp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code gcp} kinds' own checks of their JSON fields, run on every save; each refusal completes "FIELD ..." for
 * the operator and never quotes a secret.
 */
final class GcpFieldChecks {
    /** GCP's label syntax: keys start with a lower-case letter; both at most 63 of a-z, 0-9, _ and -. */
    static final Pattern LABEL_KEY = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");
    static final Pattern LABEL_VALUE = Pattern.compile("^[a-z0-9_-]{0,63}$");

    private GcpFieldChecks() {
    }

    static void credentials(Object value) {
        if (value instanceof Map<?, ?> key && key.get("token_uri") != null) {
            String uri = String.valueOf(key.get("token_uri"));
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("has a token_uri that is not a URL");
            }
            if (!"https".equals(parsed.getScheme()) && !"http".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("has a token_uri that is not an http(s) URL");
            }
        }
    }

    static void labels(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return; // the type check says "must be a JSON object"
        }
        if (map.size() > 60) {
            throw new IllegalArgumentException("has " + map.size() + " labels; GCP takes 64 and Skyhold sets 3");
        }
        map.forEach((k, v) -> {
            String key = k.toString();
            if (!LABEL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("has a key \"" + key + "\": label keys start with a lower-case "
                        + "letter and hold at most 63 lower-case letters, digits, _ and -");
            }
            if (key.startsWith("skyhold-")) {
                throw new IllegalArgumentException("may not set " + key + " (Skyhold sets its skyhold- labels)");
            }
            if (!LABEL_VALUE.matcher(String.valueOf(v)).matches()) {
                throw new IllegalArgumentException("has a value under " + key + " that is not a label value "
                        + "(at most 63 lower-case letters, digits, _ and -)");
            }
        });
    }

    static void metadata(Object value) {
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && "startup-script".equals(m.get("key"))) {
                    throw new IllegalArgumentException("may not set startup-script (Skyhold sets it to the "
                            + "provider's startup script)");
                }
            }
        }
    }

    static void serviceAccount(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return;
        }
        if (!(m.get("email") instanceof String)) {
            throw new IllegalArgumentException("must have an \"email\" string");
        }
        Object scopes = m.get("scopes");
        if (scopes != null && !(scopes instanceof List<?> l && l.stream().allMatch(String.class::isInstance))) {
            throw new IllegalArgumentException("must have \"scopes\" as a list of strings");
        }
    }

    static void accelerators(Object value) {
        if (!(value instanceof List<?> items)) {
            return;
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m && m.get("acceleratorType") instanceof String
                    && m.get("acceleratorCount") instanceof Number n && n.intValue() > 0
                    && n.doubleValue() == n.intValue())) {
                throw new IllegalArgumentException(
                        "must list {\"acceleratorType\": \"nvidia-tesla-t4\", \"acceleratorCount\": 1} objects");
            }
        }
    }

    /** Name and labels are Skyhold's; anything else must be a field of Compute's Instance resource. */
    static void override(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return;
        }
        if (m.containsKey("name") || m.containsKey("labels")) {
            throw new IllegalArgumentException("may not set name or labels (Skyhold sets them)");
        }
        GcpOverride.check(m);
    }
}
