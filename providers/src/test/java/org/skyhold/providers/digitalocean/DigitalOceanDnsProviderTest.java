package org.skyhold.providers.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.providers.digitalocean.DigitalOceanVmProviderTest.assertFails;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.DnsRecord;

/** Agents' A records in DigitalOcean DNS, against the fake API. */
class DigitalOceanDnsProviderTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    FakeDigitalOcean fake;
    DigitalOceanDnsProvider dns;

    @BeforeEach
    void start() {
        fake = FakeDigitalOcean.start(clock).domain("example.com").domain("agents.example.com").domain("other.test");
        dns = new DigitalOceanDnsProvider(new KindSettings(ProviderFields.EMPTY,
                Map.of("digital_ocean_token", Secret.of(FakeDigitalOcean.TOKEN)), fake.url()), clock,
                Duration.ofMillis(1));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void upsertCreatesARelativeARecordInTheLongestDomainThatHoldsTheName() {
        dns.upsertA("agdns0000001.agents.example.com", "203.0.113.7", 60);

        assertThat(fake.records("agents.example.com")).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("A");
            assertThat(r.name()).isEqualTo("agdns0000001");
            assertThat(r.data()).isEqualTo("203.0.113.7");
            assertThat(r.ttl()).isEqualTo(60);
        });
        assertThat(fake.records("example.com")).isEmpty();
        assertThat(fake.requests("GET", "/domains/agents.example.com/records")).singleElement()
                .satisfies(s -> assertThat(s.query()).containsEntry("type", "A")
                        .containsEntry("name", "agdns0000001.agents.example.com"));
    }

    @Test
    void upsertChangesTheAddressInPlaceAndMakesNoSecondRecord() {
        dns.upsertA("agdns0000002.example.com", "203.0.113.8", 60);
        long id = fake.records("example.com").get(0).id();
        dns.upsertA("agdns0000002.example.com", "203.0.113.8", 60);
        assertThat(fake.requests("PUT", "/domains/")).as("an unchanged record is left alone").isEmpty();

        dns.upsertA("agdns0000002.example.com", "203.0.113.9", 60);
        assertThat(fake.records("example.com")).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.data()).isEqualTo("203.0.113.9");
        });
    }

    @Test
    void deleteFindsTheRecordByNameAndDeletesItByIdAndAMissingRecordIsSuccess() {
        fake.record("example.com", "A", "www", "198.51.100.1");
        dns.upsertA("agdns0000003.example.com", "203.0.113.10", 60);
        long id = fake.records("example.com").stream().filter(r -> r.name().equals("agdns0000003")).findFirst()
                .orElseThrow().id();

        dns.deleteA("agdns0000003.example.com");
        assertThat(fake.records("example.com")).extracting(FakeDigitalOcean.Rec::name).containsExactly("www");
        assertThat(fake.requests("DELETE", "/domains/example.com/records/" + id)).hasSize(1);

        dns.deleteA("agdns0000003.example.com");
        dns.deleteA("agdns0000003.nowhere.test");
        assertThat(fake.requests("DELETE", "/domains/")).hasSize(1);
    }

    @Test
    void listAReturnsTheRecordsAtOrBelowTheBaseDomainAcrossPages() {
        fake.maxPerPage(2);
        fake.record("example.com", "A", "www", "198.51.100.1");
        fake.record("example.com", "A", "ag0000000001.vdi", "198.51.100.2");
        fake.record("example.com", "A", "ag0000000002.vdi", "198.51.100.3");
        fake.record("example.com", "A", "vdi", "198.51.100.4");
        fake.record("example.com", "CNAME", "x.vdi", "www.example.com.");
        fake.record("example.com", "A", "ag0000000003.vdi", "198.51.100.5");

        assertThat(dns.listA("vdi.example.com")).extracting(DnsRecord::name).containsExactlyInAnyOrder(
                "ag0000000001.vdi.example.com", "ag0000000002.vdi.example.com", "vdi.example.com",
                "ag0000000003.vdi.example.com");
        assertThat(fake.requests("GET", "/domains/example.com/records")).hasSize(3);
    }

    @Test
    void aNameThatNoDomainOfTheAccountHoldsIsABadConfiguration() {
        assertFails(() -> dns.upsertA("ag1.elsewhere.test", "203.0.113.1", 60), ProviderErrorClass.BAD_CONFIG,
                "no domain of the DigitalOcean account holds ag1.elsewhere.test");
    }

    @Test
    void aRateLimitedDnsCallIsThrottled() {
        fake.throttleNext("GET", "/domains", Duration.ofSeconds(30), 1);
        var e = assertFails(() -> dns.upsertA("ag1.example.com", "203.0.113.1", 60), ProviderErrorClass.THROTTLED,
                "rate limit");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fake.records("example.com")).isEmpty();
    }
}
