package org.skyhold.app.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.skyhold.domain.engine.AgentTokens;

/**
 * Random bearer tokens (session cookies, API keys, agent tokens) and their stored form. Tokens carry 256
 * random bits, so a fast SHA-256 is the right hash for them: there is nothing to brute-force.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** 32 random bytes, URL-safe base64 (43 characters). */
    public static String random() {
        return AgentTokens.newToken();
    }

    /** {@code n} random characters of {@code [a-z0-9]}, for public prefixes and ids. */
    public static String randomId(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The form a token is stored in: hex SHA-256 (the same as agents' tokens). */
    public static String hash(String token) {
        return AgentTokens.hash(token);
    }

    /** Constant-time equality of two stored hashes. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
