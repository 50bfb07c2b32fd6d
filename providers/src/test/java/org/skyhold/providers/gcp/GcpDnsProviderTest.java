package org.skyhold.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/** The {@code gcp} DNS provider through the Cloud DNS API client against the fake Google APIs. */
class GcpDnsProviderTest {
    FakeGcp fake;
    DnsProvider dns;

    @BeforeEach
    void start() {
        fake = FakeGcp.start(GcpTestSettings.KEY.getPublic(), GcpTestSettings.CLIENT_EMAIL).sampleProject()
                .managedZone("agents.example.com");
        dns = new GcpDnsKind().create(GcpTestSettings.dns(fake));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void anUpsertAddsTheRecordInTheZoneWithTheLongestSuffixAndReplacesItWhenTheAddressChanges() {
        dns.upsertA("ag1.agents.example.com", "34.90.0.1", 60);
        assertThat(fake.records("agents.example.com")).containsExactly(new FakeGcpDns.RecordSet(
                "ag1.agents.example.com.", "A", 60, List.of("34.90.0.1")));
        assertThat(fake.records("example.com")).isEmpty();
        FakeGcp.Call first = fake.calls("changes.create").get(0);
        assertThat(first.path()).isEqualTo("/dns/v1/projects/vdi-prod-123/managedZones/agents-example-com/changes");
        assertThat(first.headers()).containsEntry("content-encoding", "gzip");
        assertThat(first.body().path("deletions").isMissingNode()).isTrue();

        dns.upsertA("ag1.agents.example.com", "34.90.0.2", 60);
        assertThat(fake.records("agents.example.com")).containsExactly(new FakeGcpDns.RecordSet(
                "ag1.agents.example.com.", "A", 60, List.of("34.90.0.2")));
        assertThat(fake.calls("changes.create").get(1).body().path("deletions").path(0).path("rrdatas").toString())
                .as("the old set, exactly").isEqualTo("[\"34.90.0.1\"]");

        int changes = fake.calls("changes.create").size();
        dns.upsertA("ag1.agents.example.com", "34.90.0.2", 60);
        assertThat(fake.calls("changes.create")).as("already so: no change").hasSize(changes);
        assertThat(fake.calls("managedZones.list")).as("zones are listed once").hasSize(1);
    }

    @Test
    void aDeleteRemovesTheRecordAndAMissingRecordIsSuccess() {
        dns.upsertA("ag2.agents.example.com", "34.90.0.3", 60);
        dns.deleteA("ag2.agents.example.com");
        assertThat(fake.records("agents.example.com")).isEmpty();
        int changes = fake.calls("changes.create").size();
        assertThatCode(() -> dns.deleteA("ag2.agents.example.com")).doesNotThrowAnyException();
        assertThat(fake.calls("changes.create")).hasSize(changes);
    }

    @Test
    void listAReadsEveryPageOfTheZoneBelowTheBaseDomain() {
        fake.maxPerPage(2);
        for (int i = 0; i < 5; i++) {
            dns.upsertA("ag" + i + ".agents.example.com", "34.90.1." + i, 60);
        }
        dns.upsertA("www.example.com", "34.90.2.1", 300);
        assertThat(dns.listA("agents.example.com")).extracting(DnsRecord::name).containsExactlyInAnyOrder(
                "ag0.agents.example.com", "ag1.agents.example.com", "ag2.agents.example.com", "ag3.agents.example.com",
                "ag4.agents.example.com");
        assertThat(dns.listA("example.com")).containsExactly(new DnsRecord("www.example.com", "34.90.2.1", 300));
    }

    @Test
    void aNameNoZoneHoldsIsABadConfigAndARefusedChangeShowsGooglesMessage() {
        assertThatThrownBy(() -> dns.upsertA("ag.example.org", "34.90.0.9", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("no Cloud DNS managed zone of project vdi-prod-123 holds "
                            + "ag.example.org");
                });
        fake.failNext("changes.create", 429, "rateLimitExceeded", "Rate Limit Exceeded", 5);
        assertThatThrownBy(() -> dns.upsertA("ag.agents.example.com", "34.90.0.9", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.THROTTLED);
                    assertThat(e.getMessage()).isEqualTo("Cloud DNS rateLimitExceeded (HTTP 429): Rate Limit Exceeded");
                });
    }

    @Test
    void testConnectionCountsTheProjectsZones() {
        assertThat(dns.testConnection()).isEqualTo("Connected to Cloud DNS: project vdi-prod-123 has 3 managed zones.");
    }
}
