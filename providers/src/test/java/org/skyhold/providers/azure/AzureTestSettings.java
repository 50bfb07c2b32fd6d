package org.skyhold.providers.azure;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.VmSpec;

/** Provider settings pointed at the fake Azure: every field at its example, the fake's client secret. */
public final class AzureTestSettings {
    /** The client secret of the service principal the fake knows. */
    public static final String SECRET = AzureFields.CLIENT_SECRET.example();

    private AzureTestSettings() {
    }

    /** Every field of the VM kind at its example; {@code overrides} replace values (null removes the field). */
    static KindSettings vm(FakeAzure fake, Map<String, Object> overrides) {
        return settings(AzureFields.VM, fake, overrides, Map.of(AzureFields.CLIENT_SECRET.name(), SECRET,
                AzureFields.OS_PASSWORD.name(), AzureFields.OS_PASSWORD.example()));
    }

    static KindSettings dns(FakeAzure fake, String secret) {
        return settings(AzureFields.DNS, fake, Map.of(), Map.of(AzureFields.CLIENT_SECRET.name(), secret));
    }

    static KindSettings settings(Iterable<FieldSpec> specs, FakeAzure fake, Map<String, Object> overrides,
                                 Map<String, String> secrets) {
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
                fields.put(k, v instanceof String s && k.equals(AzureFields.CONFIG_OVERRIDE.name()) ? json(s) : v);
            }
        });
        Map<String, Secret> s = new HashMap<>();
        secrets.forEach((k, v) -> s.put(k, Secret.of(v)));
        return new KindSettings(ProviderFields.of(fields), s, fake == null ? null : fake.endpoint());
    }

    static VmSpec spec(String installation, String agentId) {
        return new VmSpec(agentId, "skyhold-" + agentId, "#!/bin/sh\necho hello from " + agentId + "\n",
                VmSpec.tags(installation, 7, agentId), "skyhold-" + agentId, "http://127.0.0.1:1/checkin", "tok");
    }

    static Object json(String text) {
        try {
            return FakeArm.JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
