package org.skyhold.app.settings;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads PEM private keys and certificate chains with the JDK alone, and checks that a key fits a certificate. */
public final class Pems {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    // DER prefix that wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption).
    private static final byte[] RSA_ALGORITHM_ID = {0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86,
            0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pems() {
    }

    /**
     * The private key in {@code pem}: PKCS#8 ({@code PRIVATE KEY}: RSA, EC or Ed25519) or PKCS#1
     * ({@code RSA PRIVATE KEY}).
     *
     * @throws IllegalArgumentException saying what is wrong, in words an operator can act on
     */
    public static PrivateKey privateKey(String pem) {
        if (pem != null && pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException("must not be encrypted (openssl pkey -in key.pem -out plain.pem)");
        }
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            throw new IllegalArgumentException("must be a PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        String type = m.group(1);
        byte[] der = decode(m.group(2));
        byte[] pkcs8 = switch (type) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> wrapPkcs1(der);
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "must not be encrypted (openssl pkcs8 -topk8 -nocrypt)");
            default -> throw new IllegalArgumentException("holds a " + type
                    + ", expected PRIVATE KEY or RSA PRIVATE KEY (openssl pkcs8 -topk8 -nocrypt converts it)");
        };
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("is not a readable RSA, EC or Ed25519 private key");
    }

    /**
     * The certificates of a PEM chain, leaf first.
     *
     * @throws IllegalArgumentException when there is none or one cannot be read
     */
    public static List<X509Certificate> certificates(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("must be a PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            // the JDK's reader fails on an indented BEGIN line, as pasted from YAML or an e-mail
            String flush = pem.lines().map(String::strip).collect(Collectors.joining("\n"));
            var certs = cf.generateCertificates(new ByteArrayInputStream(flush.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("must be a PEM certificate");
            }
            return certs.stream().map(c -> (X509Certificate) c).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("is not a readable X.509 certificate: " + e.getMessage());
        }
    }

    /** True when {@code key} is the private half of the certificate's public key (checked by signing). */
    public static boolean keyMatches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a PEM body that is not valid base64");
        }
    }

    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] octet = derTagged(0x04, pkcs1);
        byte[] body = new byte[RSA_ALGORITHM_ID.length + octet.length];
        System.arraycopy(RSA_ALGORITHM_ID, 0, body, 0, RSA_ALGORITHM_ID.length);
        System.arraycopy(octet, 0, body, RSA_ALGORITHM_ID.length, octet.length);
        return derTagged(0x30, body);
    }

    private static byte[] derTagged(int tag, byte[] content) {
        byte[] length = derLength(content.length);
        byte[] out = new byte[1 + length.length + content.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, content.length);
        return out;
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        byte[] digits = BigInteger.valueOf(n).toByteArray();
        int skip = digits[0] == 0 ? 1 : 0;
        byte[] out = new byte[1 + digits.length - skip];
        out[0] = (byte) (0x80 | (digits.length - skip));
        System.arraycopy(digits, skip, out, 1, digits.length - skip);
        return out;
    }
}
