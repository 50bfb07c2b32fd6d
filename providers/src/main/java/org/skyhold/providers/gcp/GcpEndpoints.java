package org.skyhold.providers.gcp;

import java.net.URI;
import org.skyhold.domain.kind.InvalidFieldException;

/**
 * Reads a provider's endpoint override: the base URL under which Compute's ({@code {base}/compute/v1/...}) or
 * Cloud DNS's ({@code {base}/dns/v1/...}) REST paths live, with or without a trailing slash. The Compute client
 * takes exactly {@code scheme://host:port} (a path or a trailing slash fail inside it, no scheme means https), so
 * the text is brought to that form here or refused naming the field.
 */
final class GcpEndpoints {
    static final String FIELD = "endpoint_override";

    private GcpEndpoints() {
    }

    /** {@code scheme://host:port} for the Compute client, or null for Google's own endpoint. */
    static String compute(String override) {
        URI uri = parse(override);
        if (uri == null) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (!path.isEmpty()) {
            throw new InvalidFieldException(FIELD, "must be scheme://host:port for Compute (its paths /compute/v1/... "
                    + "are added to it), not a URL with the path " + path);
        }
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    /** The Cloud DNS client's root URL (ending in a slash), or null for Google's own. */
    static String dnsRoot(String override) {
        URI uri = parse(override);
        if (uri == null) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri) + path + "/";
    }

    private static URI parse(String override) {
        if (override == null || override.isBlank()) {
            return null;
        }
        String text = override.trim();
        URI uri;
        try {
            uri = URI.create(text.contains("://") ? text : "https://" + text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(FIELD, "must be a URL such as https://compute.example.com:443");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null) {
            throw new InvalidFieldException(FIELD, "must be a URL such as https://compute.example.com:443");
        }
        return uri;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
    }
}
