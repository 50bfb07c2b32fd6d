package org.skyhold.persistence.repo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.CIPHER;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;
import org.skyhold.persistence.TestDatabase;

class JdbiDnsProviderConfigRepositoryTest {
    private final JdbiDnsProviderConfigRepository dns =
            new JdbiDnsProviderConfigRepository(Fixtures.jdbi(), CIPHER, Fixtures.JSON);

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
    }

    @Test
    void aDnsProviderRoundTripsEveryField() {
        DnsProviderSettings settings = everyFieldSet("route53");

        DnsProviderConfig created = dns.create(settings);

        assertThat(created.id()).isPositive();
        assertThat(created.settings()).isEqualTo(settings);
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.updatedAt()).isNotNull();
        assertThat(dns.find(created.id())).contains(created);
    }

    @Test
    void aDnsProviderWithoutOptionalsReadsBackNullsAndEmptyMaps() {
        DnsProviderSettings bare = new DnsProviderSettings("bare", "simulated", null, ProviderFields.EMPTY,
                Map.of());

        DnsProviderConfig read = dns.find(dns.create(bare).id()).orElseThrow();

        assertThat(read.settings()).isEqualTo(bare);
        assertThat(Fixtures.rawBytes("dns_provider_configs", "secrets", read.id())).isNull();
    }

    @Test
    void dnsProvidersAreListedByName() {
        dns.create(everyFieldSet("zulu"));
        dns.create(everyFieldSet("alpha"));

        assertThat(dns.list()).extracting(DnsProviderConfig::name).containsExactly("alpha", "zulu");
    }

    @Test
    void anUpdateReplacesEverySetting() {
        DnsProviderConfig created = dns.create(everyFieldSet("old"));
        DnsProviderSettings changed = new DnsProviderSettings("new", "rfc2136", null,
                ProviderFields.of(Map.of("server", "10.0.0.53")), Map.of("tsig_secret", Secret.of("tsig-very-secret")));

        DnsProviderConfig updated = dns.update(created.id(), changed).orElseThrow();

        assertThat(updated.settings()).isEqualTo(changed);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(dns.find(created.id())).contains(updated);
    }

    @Test
    void aMissingDnsProviderIsEmptyToFindAndUpdateAndFalseToDelete() {
        assertThat(dns.find(999)).isEmpty();
        assertThat(dns.update(999, everyFieldSet("x"))).isEmpty();
        assertThat(dns.delete(999)).isFalse();
    }

    @Test
    void aTakenNameIsRefusedWithTheFieldNamed() {
        dns.create(everyFieldSet("taken"));
        long other = dns.create(everyFieldSet("other")).id();

        assertThatThrownBy(() -> dns.create(everyFieldSet("taken")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).isEqualTo("a DNS provider named \"taken\" already exists");
                });
        assertThatThrownBy(() -> dns.update(other, everyFieldSet("taken")))
                .isInstanceOf(DuplicateNameException.class);
    }

    @Test
    void secretsAreSealedInTheRowAndRoundTrip() {
        DnsProviderConfig created = dns.create(everyFieldSet("sealed"));

        byte[] raw = Fixtures.rawBytes("dns_provider_configs", "secrets", created.id());

        assertThat(Fixtures.contains(raw, "route53-very-secret")).isFalse();
        assertThat(Fixtures.rawText("dns_provider_configs", "settings", created.id()))
                .doesNotContain("route53-very-secret").contains("Z123");
        assertThat(new String(CIPHER.open(raw, "dns_provider_configs.secrets"), UTF_8))
                .contains("route53-very-secret");
        assertThatThrownBy(() -> CIPHER.open(raw, "vm_provider_configs.secrets"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(dns.find(created.id()).orElseThrow().settings().secrets())
                .isEqualTo(Map.of("secret_access_key", Secret.of("route53-very-secret")));
    }

    @Test
    void aDnsProviderAZoneStillNamesCannotBeDeleted() {
        DnsProviderConfig used = dns.create(everyFieldSet("used"));
        ZoneSettings d = ZoneSettings.defaults("zone");
        new JdbiZoneRepository(Fixtures.jdbi(), CIPHER).create(new ZoneSettings(d.name(), false, true, 0, 0, 0,
                600, null, null, null, true, used.id(), "example.com", null, null, d.loadBalanceStrategy(), null,
                900, 120, 600));

        assertThatThrownBy(() -> dns.delete(used.id()))
                .isInstanceOf(InUseException.class).hasMessageContaining("zone");
        assertThat(dns.find(used.id())).isPresent();
        assertThat(dns.delete(dns.create(everyFieldSet("unused")).id())).isTrue();
    }

    private static DnsProviderSettings everyFieldSet(String name) {
        return new DnsProviderSettings(name, "route53", "https://route53.example.com",
                ProviderFields.of(Map.of("hosted_zone_id", "Z123", "access_key_id", "AKIA1")),
                Map.of("secret_access_key", Secret.of("route53-very-secret")));
    }
}
