package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.domain.model.VmProviderKind;

class SettingsSmokeTest {
    static TestApp app;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        api = new ApiClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyKindIsAccepted() {
        long dnsId = 0;
        for (DnsProviderKind kind : DnsProviderKind.values()) {
            var a = api.post("/api/v1/dns-providers", SampleSettings.dnsProvider(kind));
            assertThat(a.status()).as(kind + ": " + a.raw()).isEqualTo(201);
            dnsId = a.body().get("id").asLong();
        }
        var zone = api.post("/api/v1/zones", SampleSettings.zone(dnsId));
        assertThat(zone.status()).as(zone.raw()).isEqualTo(201);
        long zoneId = zone.body().get("id").asLong();
        for (VmProviderKind kind : VmProviderKind.values()) {
            var a = api.post("/api/v1/zones/" + zoneId + "/vm-providers", SampleSettings.vmProvider(kind));
            assertThat(a.status()).as(kind + ": " + a.raw()).isEqualTo(201);
        }
        System.out.println(api.get("/api/v1/zones/" + zoneId).raw());
        System.out.println(api.get("/api/v1/zones/" + zoneId + "/vm-providers").raw());
    }
}
