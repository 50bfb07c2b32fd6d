package org.skyhold.app.pages;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to go after signing in: the {@code next} the sign-in page was given, only when it is a same-origin
 * absolute path, else {@code /}. Browsers repair what URI grammar refuses (they drop tabs and line breaks and
 * read {@code \} as {@code /}, so {@code /\t/evil.com} becomes {@code //evil.com}); the check therefore refuses
 * any control character or backslash before parsing, and after parsing any scheme, authority, or a path that
 * starts with {@code //}.
 */
public final class SafeRedirect {
    private SafeRedirect() {
    }

    /** {@code next} when it stays on this site, else {@code "/"}. */
    public static String of(String next) {
        if (next == null || next.isEmpty() || next.charAt(0) != '/' || next.startsWith("//") || next.length() > 2000) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return "/";
            }
        }
        URI uri;
        try {
            uri = new URI(next);
        } catch (URISyntaxException e) {
            return "/";
        }
        boolean local = uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//");
        return local ? next : "/";
    }
}
