package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.SettingsKind;
import org.skyhold.app.fixtures.SharedApp;
import org.skyhold.domain.kind.VmProviderKind;

/** A startup script is checked when it is saved: every {variable} known, and the rendering within the cloud's limit. */
class StartupScriptRefusalTest {
    static TestApp app;
    static ApiClient api;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
        Map<String, String> zone = SettingsKind.zone().sample();
        zoneId = api.post("/api/v1/zones", zone).body().get("id").asLong();
    }

    private static ApiClient.Answer create(String kind, String script) {
        Map<String, String> body = new HashMap<>(SettingsKind.vm(kind).sample());
        body.put("startup_script", script);
        return api.post("/api/v1/zones/" + zoneId + "/vm-providers", body);
    }

    @Test
    void aScriptWithAnUnknownVariableIsRefusedNamingItsLine() {
        ApiClient.Answer a = create("aws", "#!/bin/sh\necho {server_id}\necho {agent_secret}\n");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorFields()).containsExactly("startup_script");
        assertThat(a.body().at("/errors/0/message").asText()).startsWith("line 3: unknown variable {agent_secret}")
                .contains("checkin_url");
    }

    @Test
    void aScriptWithAnUnclosedBraceIsRefusedNamingItsLine() {
        ApiClient.Answer a = create("simulated", "#!/bin/sh\nif true; then {\n");

        assertThat(a.errorFields()).containsExactly("startup_script");
        assertThat(a.body().at("/errors/0/message").asText()).startsWith("line 2: unclosed '{'");
    }

    @Test
    void doubledBracesAreLiteralAndEveryKnownVariableIsAccepted() {
        String script = "#!/bin/sh\nf() {{ echo {server_id} {server_hostname} {server_external_fqdn}; }}\n"
                + "echo {provider_name} {upstream_auth_address} {zone_name}\n"
                + "echo '{nginx_cert_in}' > c.pem; echo '{nginx_key_in}' > k.pem\n"
                + "curl -d token={checkin_token} {checkin_url}\n";

        ApiClient.Answer a = create("simulated", script);

        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(a.body().get("startup_script").asText()).isEqualTo(script);
    }

    @Test
    void aShortScriptWhoseRenderingExceedsTheCloudsUserDataLimitIsRefusedForThatCloudOnly() {
        int copies = 16_384 / SampleSettings.NGINX_CERT.length() + 1;
        String script = "#!/bin/sh\n" + "cat >> /etc/nginx/chain.pem <<'EOF'\n{nginx_cert_in}\nEOF\n".repeat(copies);
        assertThat(script.length()).isLessThan(4_096);

        ApiClient.Answer aws = create("aws", script);

        assertThat(aws.status()).isEqualTo(400);
        assertThat(aws.errorFields()).containsExactly("startup_script");
        assertThat(aws.body().at("/errors/0/message").asText()).contains("over the 16384-byte user-data limit of aws");
        assertThat(create("digitalocean", script).status()).as("DigitalOcean takes 64 KiB").isEqualTo(201);
    }

    @Test
    void aRefusedScriptInAnUpdateLeavesTheOldOne() {
        ApiClient.Answer created = create("digitalocean", "#!/bin/sh\necho {zone_name}\n");
        String item = "/api/v1/zones/" + zoneId + "/vm-providers/" + created.body().get("id").asLong();

        ApiClient.Answer refused = api.put(item, Map.of("startup_script", "echo {nope}"));

        assertThat(refused.errorFields()).containsExactly("startup_script");
        assertThat(api.get(item).body().get("startup_script").asText()).isEqualTo("#!/bin/sh\necho {zone_name}\n");
    }
}
