package org.skyhold.providers.oci;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.VmSpec;

/** Provider settings pointed at the fake OCI: every field at its example value, signed with a test key pair. */
public final class OciTestSettings {
    /** The key pair of the API user the fake knows; generated once per test JVM. */
    public static final KeyPair KEY = rsa();

    private OciTestSettings() {
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The public half of an RSA private key given as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static PublicKey publicKeyOf(String pkcs8Pem) {
        String body = pkcs8Pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(body)));
            return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA key in PKCS#8 PEM", e);
        }
    }

    /** Every field of the VM kind at its example; {@code overrides} replace values (null removes the field). */
    static KindSettings vm(FakeOci fake, Map<String, String> overrides) {
        return settings(OciFields.VM, fake, overrides, KEY);
    }

    static KindSettings dns(FakeOci fake) {
        return settings(OciFields.DNS, fake, Map.of(), KEY);
    }

    static KindSettings settings(Iterable<FieldSpec> specs, FakeOci fake, Map<String, String> overrides,
                                 KeyPair key) {
        Map<String, Object> fields = new HashMap<>();
        for (FieldSpec f : specs) {
            if (!f.secret()) {
                fields.put(f.name(), f.type().isJson() ? json(f.example()) : f.example());
            }
        }
        overrides.forEach((k, v) -> {
            if (v == null) {
                fields.remove(k);
            } else {
                fields.put(k, v);
            }
        });
        return new KindSettings(ProviderFields.of(fields), Map.of(OciFields.PRIVATE_KEY.name(),
                Secret.of(pem(key))), fake == null ? null : fake.endpoint());
    }

    static VmSpec spec(String installation, String agentId) {
        return new VmSpec(agentId, "skyhold-" + agentId, "#!/bin/sh\necho hello from " + agentId + "\n",
                VmSpec.tags(installation, 7, agentId), "skyhold-" + agentId, "http://127.0.0.1:1/checkin", "tok");
    }

    private static Object json(String text) {
        try {
            return FakeOci.JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
