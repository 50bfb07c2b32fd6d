package org.skyhold.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/** The {@code azure} DNS kind through the real SDK against the fake Azure DNS. */
class AzureDnsProviderTest {
    FakeAzure azure;
    AzureDnsProvider dns;

    @BeforeEach
    void start() {
        TestTls.trustInJvm();
        azure = FakeAzure.start(AzureTestSettings.SECRET);
        dns = (AzureDnsProvider) new AzureDnsKind().create(AzureTestSettings.dns(azure, AzureTestSettings.SECRET));
    }

    @AfterEach
    void stop() {
        dns.close();
        azure.close();
    }

    @Test
    void anAgentsRecordGoesIntoTheLongestZoneHoldingItWithTtlSixtyAndIsReplacedNotDoubled() {
        dns.upsertA("ag1.agents.example.com", "20.67.1.1", 60);
        dns.upsertA("ag1.agents.example.com", "20.67.1.2", 60);
        dns.upsertA("ag2.other.example.com", "20.67.1.3", 60);

        assertThat(azure.records("example.com")).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("ag1.agents");
            assertThat(r.ttl()).isEqualTo(60);
            assertThat(r.addresses()).containsExactly("20.67.1.2");
        });
        assertThat(azure.records("other.example.com")).extracting(FakeAzureDns.RecordSet::name).containsExactly("ag2");
        assertThat(azure.calls("PutRecord").get(0).path()).endsWith("/resourceGroups/skyhold-agents/providers/"
                + "Microsoft.Network/dnsZones/example.com/A/ag1.agents");
    }

    @Test
    void theSweeperListsRecordsUnderTheBaseDomainAndADeleteOfAMissingOneIsFine() {
        dns.upsertA("ag1.agents.example.com", "20.67.1.1", 60);
        dns.upsertA("www.example.com", "20.67.1.9", 300);
        azure.perPage(1);
        assertThat(dns.listA("agents.example.com")).containsExactly(new DnsRecord("ag1.agents.example.com",
                "20.67.1.1", 60));

        dns.deleteA("ag1.agents.example.com");
        dns.deleteA("ag1.agents.example.com");
        assertThat(azure.records("example.com")).extracting(FakeAzureDns.RecordSet::name).containsExactly("www");
        assertThat(dns.listA("agents.example.com")).isEmpty();
    }

    @Test
    void aNameNoZoneHoldsIsABadConfigAndTheConnectionTestListsTheZones() {
        assertThatThrownBy(() -> dns.upsertA("ag1.example.org", "20.67.1.1", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("no DNS zone", "example.com, other.example.com");
                });
        assertThat(dns.testConnection()).contains("resource group skyhold-agents holds example.com, other.example.com");
        assertThat(List.of(azure.calls("PutRecord").size())).containsExactly(0);
    }

    @Test
    void aRefusedSecretIsAnAuthError() {
        dns.close();
        dns = (AzureDnsProvider) new AzureDnsKind().create(AzureTestSettings.dns(azure, "wrong-secret"));
        assertThatThrownBy(() -> dns.listA("agents.example.com")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH));
    }
}
