package org.skyhold.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.repo.JdbiInstallationRepository;
import org.skyhold.persistence.repo.JdbiZoneRepository;

class MasterKeyCheckTest {
    private static final AesGcmSecretCipher KEY = cipher((byte) 1);
    private static final AesGcmSecretCipher OTHER_KEY = cipher((byte) 2);

    private final Jdbi jdbi = TestDatabase.shared().jdbi();

    @BeforeEach
    void anInstallation() {
        TestDatabase.clean();
        new JdbiInstallationRepository(jdbi).idOrCreate("install0001");
    }

    @Test
    void theFirstManagerWritesTheCheckAndItsKeyOpensItAtEveryStart() {
        new MasterKeyCheck(jdbi, KEY).verify();

        assertThat(storedCheck()).isNotNull();
        new MasterKeyCheck(jdbi, KEY).verify();
        new MasterKeyCheck(jdbi, KEY).verify();
    }

    @Test
    void aManagerWithAnotherKeyIsRefusedAndTheCheckStaysTheFirstManagers() {
        new MasterKeyCheck(jdbi, KEY).verify();
        byte[] check = storedCheck();

        assertThatThrownBy(() -> new MasterKeyCheck(jdbi, OTHER_KEY).verify())
                .isInstanceOf(MasterKeyCheck.WrongMasterKeyException.class)
                .hasMessageContaining("installation.key_check");
        assertThat(storedCheck()).isEqualTo(check);
    }

    @Test
    void withoutACheckYetAStoredSecretUnderAnotherKeyRefusesTheManagerAndWritesNoCheck() {
        long zone = new JdbiZoneRepository(jdbi, KEY).create(ZoneSettings.defaults("eu")).id();
        jdbi.useHandle(h -> h.createUpdate("UPDATE zones SET nginx_key = :k WHERE id = :id")
                .bind("k", KEY.seal("-----BEGIN PRIVATE KEY-----".getBytes(StandardCharsets.UTF_8), "zones.nginx_key"))
                .bind("id", zone).execute());

        assertThatThrownBy(() -> new MasterKeyCheck(jdbi, OTHER_KEY).verify())
                .isInstanceOf(MasterKeyCheck.WrongMasterKeyException.class)
                .hasMessageContaining("zones.nginx_key");
        assertThat(storedCheck()).isNull();

        new MasterKeyCheck(jdbi, KEY).verify();
        assertThat(storedCheck()).isNotNull();
    }

    private byte[] storedCheck() {
        return jdbi.withHandle(h -> h.createQuery("SELECT key_check FROM installation").mapTo(byte[].class).one());
    }

    private static AesGcmSecretCipher cipher(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return new AesGcmSecretCipher(key);
    }
}
