package org.skyhold.providers.oci;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies an OCI request signature as OCI does (draft-cavage HTTP signatures, version 1): the {@code Authorization:
 * Signature} header names the key ({@code tenancy/user/fingerprint}), the algorithm (rsa-sha256) and the signed
 * headers; those must be at least {@code date (request-target) host}, plus {@code x-content-sha256 content-type
 * content-length} for a request with a body, whose hash and length must match the body; the date must be within
 * five minutes; and the signature must verify with the key's public half.
 */
final class SignatureCheck {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final List<String> ALWAYS = List.of("date", "(request-target)", "host");
    private static final List<String> BODY = List.of("x-content-sha256", "content-type", "content-length");
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final String keyId;
    private final PublicKey key;

    SignatureCheck(String keyId, PublicKey key) {
        this.keyId = keyId;
        this.key = key;
    }

    /**
     * @param header  the request's header values by lower-case name (null when absent)
     * @return null when the request is properly signed, else why not
     */
    String problem(String method, String rawPathAndQuery, Function<String, String> header, byte[] body) {
        String auth = header.apply("authorization");
        if (auth == null || !auth.startsWith("Signature ")) {
            return "no Signature authorization header";
        }
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(auth);
        while (m.find()) {
            p.put(m.group(1), m.group(2));
        }
        if (!keyId.equals(p.get("keyId"))) {
            return "unknown keyId " + p.get("keyId");
        }
        if (!"rsa-sha256".equals(p.get("algorithm")) || !"1".equals(p.get("version"))) {
            return "algorithm must be rsa-sha256, version 1";
        }
        List<String> signed = List.of(p.getOrDefault("headers", "date").split(" "));
        boolean hasBody = List.of("post", "put", "patch").contains(method.toLowerCase());
        List<String> needed = new ArrayList<>(ALWAYS);
        if (hasBody) {
            needed.addAll(BODY);
        }
        if (!signed.containsAll(needed)) {
            return "signed headers " + signed + " lack some of " + needed;
        }
        if (hasBody) {
            String sha = Base64.getEncoder().encodeToString(sha256(body));
            if (!sha.equals(header.apply("x-content-sha256"))) {
                return "x-content-sha256 does not match the body";
            }
            if (!String.valueOf(body.length).equals(header.apply("content-length"))) {
                return "content-length does not match the body";
            }
        }
        String date = header.apply("date");
        try {
            Instant at = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (Duration.between(at, Instant.now()).abs().compareTo(SKEW) > 0) {
                return "date " + date + " is more than five minutes off";
            }
        } catch (DateTimeParseException | NullPointerException e) {
            return "unreadable date header " + date;
        }
        List<String> lines = new ArrayList<>();
        for (String h : signed) {
            String v = h.equals("(request-target)") ? method.toLowerCase() + " " + rawPathAndQuery : header.apply(h);
            if (v == null) {
                return "signed header " + h + " is missing";
            }
            lines.add(h + ": " + v);
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(p.getOrDefault("signature", ""))) ? null
                    : "the signature does not verify with the public key of " + keyId;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "the signature does not verify: " + e.getMessage();
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
