package org.skyhold.persistence.repo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.CIPHER;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.crypto.AesGcmSecretCipher;

class JdbiVmProviderConfigRepositoryTest {
    private final JdbiVmProviderConfigRepository providers =
            new JdbiVmProviderConfigRepository(Fixtures.jdbi(), CIPHER, Fixtures.JSON);
    private long zoneId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
    }

    @Test
    void aProviderRoundTripsEveryFieldAndStartsHealthy() {
        VmProviderSettings settings = everyFieldSet("aws-main", 3);

        VmProviderConfig created = providers.create(zoneId, settings);

        assertThat(created.id()).isPositive();
        assertThat(created.zoneId()).isEqualTo(zoneId);
        assertThat(created.settings()).isEqualTo(settings);
        assertThat(created.health()).isEqualTo(ProviderHealth.HEALTHY);
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.updatedAt()).isNotNull();
        assertThat(providers.find(created.id())).contains(created);
    }

    @Test
    void aProviderWithoutOptionalsReadsBackNullsAndEmptyMaps() {
        VmProviderSettings bare = new VmProviderSettings("bare", "simulated", false, 0, 0, null, null,
                false, ProviderFields.EMPTY, Map.of(), 10);

        VmProviderConfig read = providers.find(providers.create(zoneId, bare).id()).orElseThrow();

        assertThat(read.settings().endpointOverride()).isNull();
        assertThat(read.settings().startupScript()).as("the column needs a script; none is the empty one")
                .isEmpty();
        assertThat(read.settings().fields().values()).isEmpty();
        assertThat(read.settings().secrets()).isEmpty();
        assertThat(Fixtures.rawBytes("vm_provider_configs", "secrets", read.id())).isNull();
        assertThat(Fixtures.rawText("vm_provider_configs", "settings", read.id())).isEqualTo("{}");
    }

    @Test
    void theZonesProvidersAreListedByPriorityThenId() {
        long second = providers.create(zoneId, everyFieldSet("b", 5)).id();
        long first = providers.create(zoneId, everyFieldSet("a", 1)).id();
        long third = providers.create(zoneId, everyFieldSet("c", 5)).id();
        providers.create(Fixtures.zone("elsewhere"), everyFieldSet("x", 0));

        assertThat(providers.listByZone(zoneId)).extracting(VmProviderConfig::id)
                .containsExactly(first, second, third);
    }

    @Test
    void anUpdateReplacesTheSettingsAndClearsTheHealth() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        providers.updateHealth(created.id(), new ProviderHealth(T0, 3, ProviderErrorClass.QUOTA, "quota exceeded"));
        VmProviderSettings changed = new VmProviderSettings("renamed", "gcp", false, 9, 2,
                "echo changed", null, false, ProviderFields.of(Map.of("project", "p-1")), Map.of("credentials_json", Secret.of("{}x")), 10);

        VmProviderConfig updated = providers.update(created.id(), changed).orElseThrow();

        assertThat(updated.settings()).isEqualTo(changed);
        assertThat(updated.health()).isEqualTo(ProviderHealth.HEALTHY);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(providers.find(created.id())).contains(updated);
    }

    @Test
    void theHealthRoundTripsEveryFieldAndLeavesTheSettingsAlone() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        ProviderHealth sick = new ProviderHealth(T0, 4, ProviderErrorClass.BAD_CONFIG, "no such image");

        providers.updateHealth(created.id(), sick);

        VmProviderConfig read = providers.find(created.id()).orElseThrow();
        assertThat(read.health()).isEqualTo(sick);
        assertThat(read.settings()).isEqualTo(created.settings());

        providers.updateHealth(created.id(), ProviderHealth.HEALTHY);
        assertThat(providers.find(created.id()).orElseThrow().health()).isEqualTo(ProviderHealth.HEALTHY);
    }

    @Test
    void aMissingProviderIsEmptyToFindAndUpdateAndFalseToDelete() {
        assertThat(providers.find(999)).isEmpty();
        assertThat(providers.update(999, everyFieldSet("p", 1))).isEmpty();
        providers.updateHealth(999, new ProviderHealth(T0, 1, ProviderErrorClass.OTHER, "x"));
        assertThat(providers.delete(999)).isFalse();
    }

    @Test
    void aNameTakenInTheZoneIsRefusedWithTheFieldNamedButOtherZonesMayUseIt() {
        providers.create(zoneId, everyFieldSet("taken", 1));
        long other = providers.create(zoneId, everyFieldSet("other", 1)).id();

        assertThatThrownBy(() -> providers.create(zoneId, everyFieldSet("taken", 2)))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).contains("\"taken\"");
                });
        assertThatThrownBy(() -> providers.update(other, everyFieldSet("taken", 2)))
                .isInstanceOf(DuplicateNameException.class);
        assertThat(providers.create(Fixtures.zone("elsewhere"), everyFieldSet("taken", 1)).id()).isPositive();
    }

    @Test
    void secretsAreSealedInTheRowAndNeverInTheSettingsJson() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));

        byte[] raw = Fixtures.rawBytes("vm_provider_configs", "secrets", created.id());
        String settingsJson = Fixtures.rawText("vm_provider_configs", "settings", created.id());

        assertThat(Fixtures.contains(raw, "AKIA-SECRET-ACCESS")).isFalse();
        assertThat(Fixtures.contains(raw, "wJalr-super-secret")).isFalse();
        assertThat(settingsJson).doesNotContain("AKIA-SECRET-ACCESS").doesNotContain("wJalr-super-secret")
                .contains("eu-west-1");
        String opened = new String(CIPHER.open(raw, "vm_provider_configs.secrets"), UTF_8);
        assertThat(opened).contains("\"access_key_id\":\"AKIA-SECRET-ACCESS\"");
        assertThatThrownBy(() -> CIPHER.open(raw, "dns_provider_configs.secrets"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(providers.find(created.id()).orElseThrow().settings().secrets())
                .containsEntry("secret_access_key", Secret.of("wJalr-super-secret"));
    }

    @Test
    void secretsSealedUnderAnotherMasterKeyAreARepositoryErrorOnFirstUseThatShowsNoSecret() {
        long id = providers.create(zoneId, everyFieldSet("p", 1)).id();
        var otherKey = new JdbiVmProviderConfigRepository(Fixtures.jdbi(),
                new AesGcmSecretCipher(Fixtures.filled(32, (byte) 8)), Fixtures.JSON);
        Secret stored = otherKey.find(id).orElseThrow().settings().secrets().get("access_key_id");

        assertThatThrownBy(stored::reveal)
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("vm_provider_configs.secrets")
                .hasMessageContaining("master key")
                .hasMessageNotContaining("super-secret");
    }

    private Agent agentOf(VmProviderConfig provider, String id, AgentState state) {
        Agent base = Fixtures.agent(id, zoneId, state, T0);
        return new Agent(id, zoneId, provider.id(), true, id, state, "i-" + id, null, null, null, null,
                base.capacity(), T0, T0, null, null, null, null);
    }

    @Test
    void deletingAProviderKeepsItsDestroyedAgentsAsHistoryWithoutIt() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        var agents = new JdbiAgentRepository(Fixtures.jdbi());
        agents.insert(agentOf(created, "vm-1", AgentState.DESTROYED));
        agents.insert(agentOf(created, "vm-2", AgentState.FAILED));

        assertThat(providers.delete(created.id())).isTrue();

        assertThat(providers.find(created.id())).isEmpty();
        Agent history = agents.find("vm-1").orElseThrow();
        assertThat(history.providerConfigId()).isNull();
        assertThat(history.autoscaled()).isTrue();
        assertThat(agents.find("vm-2").orElseThrow().providerConfigId()).isNull();
    }

    @Test
    void deletingAProviderWithALiveAgentIsRefusedAndChangesNothing() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        var agents = new JdbiAgentRepository(Fixtures.jdbi());
        agents.insert(agentOf(created, "vm-1", AgentState.DEAD));
        agents.insert(agentOf(created, "vm-2", AgentState.DESTROYED));

        assertThatThrownBy(() -> providers.delete(created.id())).isInstanceOf(InUseException.class)
                .hasMessageContaining("1 live agent");

        assertThat(providers.find(created.id())).isPresent();
        assertThat(agents.find("vm-1").orElseThrow().providerConfigId()).isEqualTo(created.id());
        assertThat(agents.find("vm-2").orElseThrow().providerConfigId()).isEqualTo(created.id());
    }

    @Test
    void deletingAZoneStillTakesItsProvidersAndTheirAgentsHistoryInOneStatement() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        var agents = new JdbiAgentRepository(Fixtures.jdbi());
        agents.insert(agentOf(created, "vm-1", AgentState.DESTROYED));

        assertThat(new JdbiZoneRepository(Fixtures.jdbi(), CIPHER).delete(zoneId)).isTrue();

        assertThat(providers.find(created.id())).isEmpty();
        assertThat(agents.find("vm-1")).isEmpty();
    }

    @Test
    void theForeignKeyRefusesToOrphanALiveAgentRatherThanSettingItsProviderToNull() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        var agents = new JdbiAgentRepository(Fixtures.jdbi());
        agents.insert(agentOf(created, "vm-1", AgentState.RUNNING));

        assertThatThrownBy(() -> Fixtures.jdbi().useHandle(h -> h.execute(
                "DELETE FROM vm_provider_configs WHERE id = ?", created.id()))).hasMessageContaining("foreign key");

        assertThat(agents.find("vm-1").orElseThrow().providerConfigId()).isEqualTo(created.id());
    }

    @Test
    void aDeleteThatMeetsACreateInFlightWaitsForItAndThenRefuses() throws Exception {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("p", 1));
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // a create's transaction as insertAllUnderCap runs it: the provider's row locked, the pending row written
            Future<?> create = pool.submit(() -> Fixtures.jdbi().useTransaction(h -> {
                h.createQuery("SELECT id FROM vm_provider_configs WHERE id = :p FOR UPDATE")
                        .bind("p", created.id()).mapTo(Long.class).one();
                h.execute("INSERT INTO agents (id, zone_id, provider_config_id, autoscaled, name, state, cores, gpus,"
                        + " memory_mb, created_at, state_changed_at) VALUES ('vm-new', ?, ?, true, 'vm-new',"
                        + " 'pending', 0, 0, 0, now(), now())", zoneId, created.id());
                locked.countDown();
                h.execute("SELECT pg_sleep(0.3)");
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> providers.delete(created.id())).isInstanceOf(InUseException.class)
                    .hasMessageContaining("1 live agent");
            create.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(new JdbiAgentRepository(Fixtures.jdbi()).find("vm-new").orElseThrow().providerConfigId())
                .isEqualTo(created.id());
    }

    @Test
    void jsonFieldsAreStoredAsJsonNotAsTextAndReadBackAsTrees() {
        VmProviderConfig created = providers.create(zoneId, everyFieldSet("json", 1));

        String type = Fixtures.jdbi().withHandle(h -> h.createQuery(
                "SELECT jsonb_typeof(settings -> 'tags') || ' ' || jsonb_typeof(settings -> 'groups')"
                        + " FROM vm_provider_configs WHERE id = :id").bind("id", created.id()).mapTo(String.class).one());
        assertThat(type).isEqualTo("object array");
        ProviderFields read = providers.find(created.id()).orElseThrow().settings().fields();
        assertThat(read.raw("tags")).isEqualTo(Map.of("team", "desk"));
        assertThat(read.raw("groups")).isEqualTo(List.of("sg-1", "sg-2"));
    }

    @Test
    void aProviderOfAKindThisBuildDoesNotHaveIsStoredAndReadBack() {
        VmProviderSettings oci = new VmProviderSettings("oci", "oci", true, 0, 3, "", null, true,
                ProviderFields.of(Map.of("oci_region", "eu-frankfurt-1")), Map.of(), 10);

        VmProviderConfig read = providers.find(providers.create(zoneId, oci).id()).orElseThrow();

        assertThat(read.kind()).isEqualTo("oci");
        assertThat(read.settings()).isEqualTo(oci);
    }

    private static VmProviderSettings everyFieldSet(String name, int priority) {
        return new VmProviderSettings(name, "aws", true, priority, 12, "#!/bin/sh\necho hi",
                "https://ec2.example.com", true,
                ProviderFields.of(Map.of("region", "eu-west-1", "tags", Map.of("team", "desk"), "groups",
                        List.of("sg-1", "sg-2"))),
                Map.of("access_key_id", Secret.of("AKIA-SECRET-ACCESS"),
                        "secret_access_key", Secret.of("wJalr-super-secret")), 10);
    }
}
