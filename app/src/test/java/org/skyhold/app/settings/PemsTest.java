package org.skyhold.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.skyhold.app.fixtures.TestPki;

class PemsTest {
    private static final KeyPair RSA = TestPki.rsa();
    private static final KeyPair EC = TestPki.ec();

    @Test
    void aPkcs8RsaKeyIsRead() {
        assertThat(Pems.privateKey(TestPki.privateKeyPem(RSA))).isEqualTo(RSA.getPrivate());
    }

    @Test
    void aPkcs1RsaKeyAsOpensslGenrsaWritesItIsRead() {
        String pkcs1 = TestPki.traditionalPem(RSA);
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(Pems.privateKey(pkcs1).getEncoded()).isEqualTo(RSA.getPrivate().getEncoded());
    }

    @Test
    void aPkcs8EcKeyIsRead() {
        assertThat(Pems.privateKey(TestPki.privateKeyPem(EC)).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aPkcs8Ed25519KeyIsRead() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(Pems.privateKey(TestPki.privateKeyPem(ed)).getEncoded()).isEqualTo(ed.getPrivate().getEncoded());
    }

    @Test
    void aKeyWithTextAroundItIsRead() {
        assertThat(Pems.privateKey("\n  key for nginx:\n" + TestPki.privateKeyPem(RSA) + "\n\n"))
                .isEqualTo(RSA.getPrivate());
    }

    @Test
    void anEncryptedPkcs8KeyIsRefusedWithAHowToDecrypt() {
        String encrypted = TestPki.encryptedPkcs8Pem(RSA);
        assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThatThrownBy(() -> Pems.privateKey(encrypted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be encrypted").hasMessageContaining("-nocrypt");
    }

    @Test
    void anOpensslLegacyEncryptedKeyIsRefusedAsEncrypted() {
        String encrypted = TestPki.legacyEncryptedPem(RSA);
        assertThat(encrypted).contains("Proc-Type: 4,ENCRYPTED");

        assertThatThrownBy(() -> Pems.privateKey(encrypted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be encrypted");
    }

    @Test
    void aSec1EcKeyIsRefusedWithTheConversionCommand() {
        String sec1 = TestPki.traditionalPem(EC);
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThatThrownBy(() -> Pems.privateKey(sec1)).hasMessageContaining("holds a EC PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aCertificateIsNotAPrivateKey() {
        assertThatThrownBy(() -> Pems.privateKey(TestPki.certificatePem(RSA, "a.example.com")))
                .hasMessageContaining("holds a CERTIFICATE");
    }

    @Test
    void textWithoutAPemBlockIsRefused() {
        assertThatThrownBy(() -> Pems.privateKey("not a key")).hasMessage(
                "must be a PEM private key (-----BEGIN PRIVATE KEY-----)");
        assertThatThrownBy(() -> Pems.privateKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPemBlockWhoseBodyIsNotAKeyIsRefused() {
        String garbage = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString("definitely not DER".getBytes()) + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pems.privateKey(garbage)).hasMessage("is not a readable RSA, EC or Ed25519 private key");
    }

    @Test
    void aChainIsReadLeafFirst() {
        KeyPair issuer = TestPki.rsa();
        String chain = TestPki.certificatePem(RSA, "leaf.example.com") + TestPki.certificatePem(issuer, "ca.example.com");

        assertThat(Pems.certificates(chain)).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=leaf.example.com", "CN=ca.example.com");
    }

    @Test
    void aPrivateKeyIsNotACertificate() {
        assertThatThrownBy(() -> Pems.certificates(TestPki.privateKeyPem(RSA)))
                .hasMessage("must be a PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> Pems.certificates(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCertificateWithACorruptBodyIsRefused() {
        String cert = TestPki.certificatePem(RSA, "a.example.com");
        String[] lines = cert.split("\n");
        lines[3] = lines[3].replace('A', 'B').replace('M', 'A');
        lines[4] = "";
        String corrupt = String.join("\n", lines);

        assertThatThrownBy(() -> Pems.certificates(corrupt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not a readable X.509 certificate");
    }

    @Test
    void keyMatchesIsTrueOnlyForTheCertificatesOwnKey() {
        X509Certificate rsaCert = Pems.certificates(TestPki.certificatePem(RSA, "a.example.com")).get(0);
        X509Certificate ecCert = Pems.certificates(TestPki.certificatePem(EC, "b.example.com")).get(0);

        assertThat(Pems.keyMatches(RSA.getPrivate(), rsaCert)).isTrue();
        assertThat(Pems.keyMatches(TestPki.rsa().getPrivate(), rsaCert)).isFalse();
        assertThat(Pems.keyMatches(EC.getPrivate(), ecCert)).isTrue();
        assertThat(Pems.keyMatches(TestPki.ec().getPrivate(), ecCert)).isFalse();
        assertThat(Pems.keyMatches(EC.getPrivate(), rsaCert)).isFalse();
        assertThat(Pems.keyMatches(RSA.getPrivate(), ecCert)).isFalse();
    }
}
