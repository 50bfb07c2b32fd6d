package org.skyhold.providers.azure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The fake Azure's TLS: a self-signed certificate for 127.0.0.1 made once per test JVM, served by every fake, and
 * trusted the way an operator trusts a private endpoint's CA: through {@code javax.net.ssl.trustStore}, here a copy
 * of the JDK's own CA certificates with this one added (so nothing else in the JVM loses its trust).
 */
public final class TestTls {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final KeyPair KEY = rsa();
    private static final X509Certificate CERT = selfSigned(KEY);
    private static final SSLContext SERVER = server();

    static {
        trustInJvm();
    }

    private TestTls() {
    }

    /** The server side of the fakes' TLS. */
    public static SSLContext serverContext() {
        return SERVER;
    }

    public static X509Certificate certificate() {
        return CERT;
    }

    /** Points {@code javax.net.ssl.trustStore} at the JDK's CAs plus the fakes' certificate. Idempotent. */
    public static synchronized void trustInJvm() {
        if (System.getProperty("skyhold.test.azure-trust") != null) {
            return;
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            if (Files.exists(cacerts)) {
                KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
                try (InputStream in = Files.newInputStream(cacerts)) {
                    jdk.load(in, PASSWORD);
                }
                for (String alias : Collections.list(jdk.aliases())) {
                    trust.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
            trust.setCertificateEntry("skyhold-fake-azure", CERT);
            Path file = Files.createTempFile("skyhold-trust", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                trust.store(out, PASSWORD);
            }
            System.setProperty("javax.net.ssl.trustStore", file.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            System.setProperty("skyhold.test.azure-trust", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair key) {
        try {
            X500Name name = new X500Name("CN=127.0.0.1, O=Skyhold test fake Azure");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), name,
                    key.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName,
                    "localhost")}));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("could not make the test certificate", e);
        }
    }

    private static SSLContext server() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("fake", KEY.getPrivate(), PASSWORD, new X509Certificate[] {CERT});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
