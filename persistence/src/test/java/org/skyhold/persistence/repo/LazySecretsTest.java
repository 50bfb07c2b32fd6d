package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.CIPHER;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.SecretCipher;
import org.skyhold.persistence.TestDatabase;

/** Reading zones and providers decrypts nothing; a secret is opened on its first use, once per row read. */
class LazySecretsTest {
    /** The real cipher, counting how often a sealed value is opened. */
    static final class CountingCipher implements SecretCipher {
        final AtomicInteger opens = new AtomicInteger();

        @Override
        public byte[] seal(byte[] plaintext, String context) {
            return CIPHER.seal(plaintext, context);
        }

        @Override
        public byte[] open(byte[] sealed, String context) {
            opens.incrementAndGet();
            return CIPHER.open(sealed, context);
        }
    }

    private final CountingCipher cipher = new CountingCipher();
    private final JdbiVmProviderConfigRepository providers =
            new JdbiVmProviderConfigRepository(Fixtures.jdbi(), cipher, Fixtures.JSON);
    private final JdbiZoneRepository zones = new JdbiZoneRepository(Fixtures.jdbi(), cipher);
    private long zoneId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
    }

    private long provider() {
        return providers.create(zoneId, new VmProviderSettings("do", "digitalocean", true, 0, 5, null, null, false,
                ProviderFields.EMPTY, Map.of("token", Secret.of("dop-token"), "ssh", Secret.of("ssh-pass")), 10)).id();
    }

    @Test
    void listingAndFindingProvidersOpensNoSecretButKnowsTheirNames() {
        long id = provider();
        cipher.opens.set(0);

        VmProviderConfig read = providers.find(id).orElseThrow();
        providers.listByZone(zoneId);

        assertThat(read.settings().secrets()).containsOnlyKeys("token", "ssh");
        assertThat(cipher.opens).hasValue(0);
    }

    @Test
    void theFirstUseOpensTheRowsSecretsOnceForAllOfThem() {
        long id = provider();
        VmProviderConfig read = providers.find(id).orElseThrow();
        cipher.opens.set(0);

        assertThat(read.settings().secrets().get("token").reveal()).isEqualTo("dop-token");
        assertThat(read.settings().secrets().get("ssh").reveal()).isEqualTo("ssh-pass");

        assertThat(cipher.opens).hasValue(1);
    }

    @Test
    void readingAZoneOpensItsNginxKeyOnlyWhenUsed() {
        ZoneSettings d = ZoneSettings.defaults("with-key");
        long id = zones.create(new ZoneSettings(d.name(), d.scalingEnabled(), d.prioritizeStaticAgents(),
                d.standbyCores(), d.standbyGpus(), d.standbyMemoryMb(), d.downscaleBackoff(), null, null, null, false,
                null, null, "CERT", Secret.of("KEY-PEM"), d.loadBalanceStrategy(), null, d.provisionTimeout(),
                d.agentMissingAfter(), d.agentDeadAfter())).id();
        cipher.opens.set(0);

        Secret key = zones.find(id).orElseThrow().settings().nginxKey();
        zones.list();
        assertThat(cipher.opens).as("reading").hasValue(0);

        assertThat(key.reveal()).isEqualTo("KEY-PEM");
        assertThat(cipher.opens).as("using").hasValue(1);
    }

    @Test
    void rowsFromBeforeTheNamesColumnGetTheirNamesAtStartUpAndThenOpenNothingWhenRead() {
        long id = provider();
        Fixtures.jdbi().useHandle(h -> h.execute("UPDATE vm_provider_configs SET secret_names = NULL"));
        cipher.opens.set(0);
        assertThat(providers.find(id).orElseThrow().settings().secrets()).containsOnlyKeys("token", "ssh");
        assertThat(cipher.opens).as("a row without names is opened as before").hasValue(1);

        SecretNamesBackfill.Result r = SecretNamesBackfill.run(Fixtures.jdbi(), CIPHER);
        cipher.opens.set(0);

        assertThat(r).isEqualTo(new SecretNamesBackfill.Result(1, 0));
        assertThat(providers.find(id).orElseThrow().settings().secrets()).containsOnlyKeys("token", "ssh");
        assertThat(cipher.opens).hasValue(0);
        assertThat(Fixtures.rawText("vm_provider_configs", "secret_names", id)).isEqualTo("{ssh,token}");
    }

    @Test
    void aRowWhoseSecretsDoNotOpenIsCountedAndLeftAsItWas() {
        long id = provider();
        Fixtures.jdbi().useHandle(h -> h.execute(
                "UPDATE vm_provider_configs SET secret_names = NULL, secrets = decode('00112233445566778899', 'hex')"));

        SecretNamesBackfill.Result r = SecretNamesBackfill.run(Fixtures.jdbi(), CIPHER);

        assertThat(r).isEqualTo(new SecretNamesBackfill.Result(0, 1));
        assertThat(Fixtures.rawText("vm_provider_configs", "secret_names", id)).isNull();
    }
}
