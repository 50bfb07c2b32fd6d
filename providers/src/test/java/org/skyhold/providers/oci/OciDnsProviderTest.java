package org.skyhold.providers.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/** The {@code oci} DNS provider through the real OCI SDK against the fake OCI DNS. */
class OciDnsProviderTest {
    FakeOci fake;
    DnsProvider dns;

    @BeforeEach
    void start() {
        fake = FakeOci.start(OciTestSettings.KEY.getPublic()).sampleAccount();
        dns = new OciDnsKind().create(OciTestSettings.dns(fake));
    }

    @AfterEach
    void stop() throws Exception {
        ((AutoCloseable) dns).close();
        fake.close();
    }

    @Test
    void anUpsertWritesOneARecordInTheZoneThatIsTheLongestSuffixAndReplacesItLater() {
        fake.zone("agents.example.com");
        dns.upsertA("a1.agents.example.com", "130.61.0.7", 60);
        assertThat(fake.records("agents.example.com")).containsExactly(
                new FakeOci.Rec("agents.example.com", "a1.agents.example.com", "130.61.0.7", 60));
        assertThat(fake.records("example.com")).isEmpty();
        FakeOci.Call put = fake.calls("UpdateRRSet").get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).endsWith("/records/a1.agents.example.com/A");
        assertThat(put.authenticated()).isTrue();

        dns.upsertA("a1.agents.example.com.", "130.61.0.8", 60);
        assertThat(fake.records("agents.example.com")).extracting(FakeOci.Rec::rdata).containsExactly("130.61.0.8");
        assertThat(fake.calls("ListZones")).as("the zone is looked up once").hasSize(1);
    }

    @Test
    void aNameWithoutItsOwnZoneGoesToTheParentZoneAndIsListedAndDeleted() {
        dns.upsertA("b1.agents.example.com", "130.61.0.9", 60);
        dns.upsertA("b2.agents.example.com", "130.61.0.10", 60);
        dns.upsertA("elsewhere.example.com", "130.61.0.11", 300);
        assertThat(dns.listA("agents.example.com")).containsExactlyInAnyOrder(
                new DnsRecord("b1.agents.example.com", "130.61.0.9", 60),
                new DnsRecord("b2.agents.example.com", "130.61.0.10", 60));

        dns.deleteA("b1.agents.example.com");
        dns.deleteA("b1.agents.example.com"); // gone already: success
        assertThat(fake.records("example.com")).extracting(FakeOci.Rec::domain)
                .containsExactlyInAnyOrder("b2.agents.example.com", "elsewhere.example.com");
        assertThat(fake.calls("DeleteRRSet")).hasSize(2);
    }

    @Test
    void listingPagesThroughTheRecords() {
        fake.maxPerPage(2);
        for (int i = 0; i < 5; i++) {
            dns.upsertA("p" + i + ".agents.example.com", "130.61.1." + i, 60);
        }
        assertThat(dns.listA("agents.example.com")).hasSize(5);
        assertThat(fake.calls("GetZoneRecords")).hasSize(3);
    }

    @Test
    void aNameNoZoneHoldsIsAConfigurationErrorAndAThrottledCallIsTriedOnce() {
        ProviderException none = catchThrowableOfType(ProviderException.class,
                () -> dns.upsertA("a.example.org", "130.61.0.1", 60));
        assertThat(none.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
        assertThat(none.getMessage()).contains("no primary DNS zone", "example.org");

        fake.failNext("UpdateRRSet", 429, "TooManyRequests", "Too many requests.", 12);
        ProviderException throttled = catchThrowableOfType(ProviderException.class,
                () -> dns.upsertA("t.agents.example.com", "130.61.0.1", 60));
        assertThat(throttled.errorClass()).isEqualTo(ProviderErrorClass.THROTTLED);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(fake.calls("UpdateRRSet")).as("no SDK retries").hasSize(1);
    }

    @Test
    void aWrongKeyIsAnAuthError() throws Exception {
        DnsProvider wrong = new OciDnsKind().create(OciTestSettings.settings(OciFields.DNS, fake,
                Map.of(), OciTestSettings.rsa()));
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class,
                    () -> wrong.upsertA("w.agents.example.com", "130.61.0.1", 60));
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH);
            assertThat(e.getMessage()).contains("OCI DNS", "NotAuthenticated");
        } finally {
            ((AutoCloseable) wrong).close();
        }
    }
}
