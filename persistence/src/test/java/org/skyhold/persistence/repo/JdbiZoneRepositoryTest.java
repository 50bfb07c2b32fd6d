package org.skyhold.persistence.repo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.CIPHER;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.persistence.TestDatabase;

class JdbiZoneRepositoryTest {
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQ-very-private\n-----END PRIVATE KEY-----";

    private final JdbiZoneRepository zones = new JdbiZoneRepository(Fixtures.jdbi(), CIPHER);
    private long dnsId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        dnsId = new JdbiDnsProviderConfigRepository(Fixtures.jdbi(), CIPHER, Fixtures.JSON).create(
                new DnsProviderSettings("dns", "simulated", null, ProviderFields.EMPTY, Map.of())).id();
    }

    @Test
    void aZoneRoundTripsEveryField() {
        ZoneSettings settings = everyFieldSet("eu-west");

        Zone created = zones.create(settings);

        assertThat(created.id()).isPositive();
        assertThat(created.settings()).isEqualTo(settings);
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.updatedAt()).isNotNull();
        assertThat(zones.find(created.id())).contains(created);
    }

    @Test
    void aZoneWithEveryOptionalFieldUnsetReadsBackItsNulls() {
        ZoneSettings settings = ZoneSettings.defaults("bare");

        Zone read = zones.find(zones.create(settings).id()).orElseThrow();

        assertThat(read.settings()).isEqualTo(settings);
        assertThat(read.settings().nginxKey()).isNull();
        assertThat(read.settings().agentCoresOverride()).isNull();
        assertThat(read.settings().dnsProviderId()).isNull();
        assertThat(Fixtures.rawBytes("zones", "nginx_key", read.id())).isNull();
    }

    @Test
    void zonesAreListedByName() {
        zones.create(ZoneSettings.defaults("charlie"));
        zones.create(ZoneSettings.defaults("alpha"));
        zones.create(ZoneSettings.defaults("bravo"));

        assertThat(zones.list()).extracting(Zone::name).containsExactly("alpha", "bravo", "charlie");
    }

    @Test
    void anUpdateReplacesEverySetting() {
        Zone created = zones.create(ZoneSettings.defaults("old"));
        ZoneSettings changed = everyFieldSet("new");

        Zone updated = zones.update(created.id(), changed).orElseThrow();

        assertThat(updated.settings()).isEqualTo(changed);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(zones.find(created.id())).contains(updated);

        Zone cleared = zones.update(created.id(), ZoneSettings.defaults("new")).orElseThrow();
        assertThat(cleared.settings()).isEqualTo(ZoneSettings.defaults("new"));
    }

    @Test
    void aMissingZoneIsEmptyToFindAndUpdateAndFalseToDelete() {
        assertThat(zones.find(999)).isEmpty();
        assertThat(zones.update(999, ZoneSettings.defaults("x"))).isEmpty();
        assertThat(zones.delete(999)).isFalse();
    }

    @Test
    void aTakenZoneNameIsRefusedWithTheFieldNamed() {
        zones.create(ZoneSettings.defaults("taken"));
        Zone other = zones.create(ZoneSettings.defaults("other"));

        assertThatThrownBy(() -> zones.create(ZoneSettings.defaults("taken")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).isEqualTo("a zone named \"taken\" already exists");
                });
        assertThatThrownBy(() -> zones.update(other.id(), ZoneSettings.defaults("taken")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void theNginxKeyIsSealedInTheRowAndOpensOnlyForItsColumn() {
        Zone zone = zones.create(everyFieldSet("sealed"));

        byte[] raw = Fixtures.rawBytes("zones", "nginx_key", zone.id());

        assertThat(Fixtures.contains(raw, "very-private")).isFalse();
        assertThat(new String(CIPHER.open(raw, "zones.nginx_key"), UTF_8)).isEqualTo(KEY);
        assertThatThrownBy(() -> CIPHER.open(raw, "vm_provider_configs.secrets"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(zones.find(zone.id()).orElseThrow().settings().nginxKey().reveal()).isEqualTo(KEY);
    }

    @Test
    void aValueTheSchemaForbidsIsARepositoryErrorNamingTheCheck() {
        ZoneSettings bad = new ZoneSettings("bad", false, true, -1, 0, 0, 600, null, null, null, false, null, null,
                null, null, LoadBalanceStrategy.MOST_LOADED, null, 900, 120, 600);

        assertThatThrownBy(() -> zones.create(bad))
                .isExactlyInstanceOf(RepositoryException.class)
                .hasMessageStartingWith("could not create zone: ")
                .hasMessageContaining("zones_standby_cores_check");
    }

    @Test
    void deletingAZoneDeletesItsProvidersAndStagingConfigs() {
        Zone zone = zones.create(ZoneSettings.defaults("doomed"));
        var providers = new JdbiVmProviderConfigRepository(Fixtures.jdbi(), CIPHER, Fixtures.JSON);
        var staging = new JdbiStagingConfigRepository(Fixtures.jdbi());
        long providerId = providers.create(zone.id(), new VmProviderSettings("p", "simulated", true,
                0, 1, "", null, true, ProviderFields.EMPTY, Map.of(), 10)).id();
        long stagingId = staging.create(zone.id(), Fixtures.image("img"), 1, 2).id();
        new JdbiZoneLeaseRepository(Fixtures.jdbi()).acquire(zone.id(), "m", T0, T0.plusSeconds(30));

        assertThat(zones.delete(zone.id())).isTrue();

        assertThat(zones.find(zone.id())).isEmpty();
        assertThat(providers.find(providerId)).isEmpty();
        assertThat(staging.find(stagingId)).isEmpty();
        assertThat(new JdbiZoneLeaseRepository(Fixtures.jdbi()).find(zone.id())).isEmpty();
    }

    @Test
    void deletingAZoneTakesItsAgentHistoryWithIt() {
        Zone zone = zones.create(ZoneSettings.defaults("old"));
        JdbiAgentRepository agents = new JdbiAgentRepository(Fixtures.jdbi());
        agents.insert(Fixtures.agent("agent-1", zone.id(), AgentState.DESTROYED, T0));

        assertThat(zones.delete(zone.id())).isTrue();
        assertThat(agents.find("agent-1")).isEmpty();
    }

    private ZoneSettings everyFieldSet(String name) {
        return new ZoneSettings(name, true, false, 16, 2, 65536, 300, 8, 1, 32, true, dnsId, "desk.example.com",
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", Secret.of(KEY),
                LoadBalanceStrategy.LEAST_LOADED, "https://auth.example.com/check", 1200, 90, 900);
    }
}
