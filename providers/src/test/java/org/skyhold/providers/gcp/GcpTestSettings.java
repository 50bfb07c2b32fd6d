package org.skyhold.providers.gcp;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.VmSpec;

/** Provider settings pointed at the fake Google APIs: every field at its example, a key file the fake knows. */
public final class GcpTestSettings {
    public static final String CLIENT_EMAIL = "skyhold@vdi-prod-123.iam.gserviceaccount.com";
    /** The service account's key pair; generated once per test JVM. */
    public static final KeyPair KEY = rsa();

    private GcpTestSettings() {
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

    /** A service-account key file of {@code pair} whose {@code token_uri} is the fake's token endpoint. */
    public static String keyFile(KeyPair pair, String tokenUri, String privateKeyId) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return "{\"type\":\"service_account\",\"project_id\":\"vdi-prod-123\",\"private_key_id\":\"" + privateKeyId
                + "\",\"private_key\":\"" + pem.replace("\n", "\\n") + "\",\"client_email\":\"" + CLIENT_EMAIL
                + "\",\"client_id\":\"100000000000000000001\",\"token_uri\":\"" + tokenUri + "\"}";
    }

    /** Every field of the VM kind at its example; {@code overrides} replace values (null removes the field). */
    static KindSettings vm(FakeGcp fake, Map<String, String> overrides) {
        return settings(GcpFields.VM, fake, overrides, KEY);
    }

    static KindSettings dns(FakeGcp fake) {
        return settings(GcpFields.DNS, fake, Map.of(), KEY);
    }

    static KindSettings settings(List<FieldSpec> specs, FakeGcp fake, Map<String, String> overrides, KeyPair key) {
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
                fields.put(k, v.startsWith("[") || v.startsWith("{") ? json(v) : v);
            }
        });
        String tokenUri = fake == null ? "https://oauth2.googleapis.com/token" : fake.tokenUri();
        return new KindSettings(ProviderFields.of(fields), Map.of(GcpFields.CREDENTIALS.name(),
                Secret.of(keyFile(key, tokenUri, "0123456789abcdef"))), fake == null ? null : fake.endpoint());
    }

    static VmSpec spec(String installation, String agentId) {
        return new VmSpec(agentId, "skyhold-" + agentId, "#!/bin/sh\necho hello from " + agentId + "\n",
                VmSpec.tags(installation, 7, agentId), "skyhold-" + agentId, "http://127.0.0.1:1/checkin", "tok");
    }

    private static Object json(String text) {
        try {
            return FakeGcpJson.JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
