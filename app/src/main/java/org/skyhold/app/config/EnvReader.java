package org.skyhold.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.Secret;

/** Reads typed values out of environment variables; every refusal names the variable and the bad value. */
final class EnvReader {
    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    String string(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    Secret secret(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : Secret.of(v);
    }

    int integer(String name, int fallback, int min, int max) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number between " + min + " and " + max
                    + ", got \"" + v + "\"");
        }
    }

    boolean bool(String name, boolean fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException(name, "must be true or false, got \"" + v + "\"");
    }

    String jdbcUrl(String name) {
        String v = string(name, null);
        if (v != null && !v.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(name, "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        return v;
    }

    URI httpUrl(String name) {
        String v = string(name, null);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(name, "must be an http:// or https:// URL, got \"" + v + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "must be an http:// or https:// URL, got \"" + v + "\"");
        }
    }

    /** A comma-separated list of CIDRs (or bare addresses); empty when unset. */
    List<Cidr> cidrs(String name) {
        String v = string(name, null);
        List<Cidr> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Cidr.parse(part));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "must be a comma-separated list of CIDRs such as 10.0.0.0/8 or "
                        + "::1/128: " + e.getMessage());
            }
        }
        return out;
    }

    /** A path to a file this process can read; null when unset. */
    Path readableFile(String name) {
        String v = string(name, null);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ConfigException(name, "must name a readable file, got \"" + v + "\"");
        }
        return p;
    }
}
