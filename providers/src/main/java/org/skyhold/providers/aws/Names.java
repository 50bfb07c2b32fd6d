package org.skyhold.providers.aws;

import java.util.Locale;

/** DNS names as Route 53 writes them (trailing dot, octal escapes) and as Skyhold does (neither). */
final class Names {
    private Names() {
    }

    /** Lower case, without the trailing dot, with Route 53's {@code \ddd} escapes decoded. */
    static String normal(String name) {
        String n = unescape(name.trim()).toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The parent domain, or null for a single label. */
    static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? null : domain.substring(dot + 1);
    }

    /** Whether {@code name} is {@code domain} or below it. */
    static boolean atOrBelow(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
