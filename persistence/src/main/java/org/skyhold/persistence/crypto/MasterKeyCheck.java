package org.skyhold.persistence.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.port.SecretCipher;

/**
 * Proves at start-up that this manager's master key is the installation's: it opens the key check sealed in the
 * {@code installation} row, or, where none was written yet (a database of an older version, or the first start),
 * any stored secret, and only then writes the check. Several managers share one database only with one key.
 */
public final class MasterKeyCheck {
    static final String CONTEXT = "installation.key_check";
    private static final byte[] PLAIN = "skyhold master key check v1".getBytes(StandardCharsets.US_ASCII);

    /** A stored secret and the column it was sealed for. */
    private record Sealed(byte[] value, String context) {
    }

    private final Jdbi jdbi;
    private final SecretCipher cipher;

    public MasterKeyCheck(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
    }

    /**
     * Returns normally when the key opens what the database holds; writes the check when there is none yet. Call
     * after the installation row exists.
     *
     * @throws WrongMasterKeyException when the key does not open the check or a stored secret
     */
    public void verify() {
        Optional<byte[]> check = storedCheck();
        if (check.isPresent()) {
            opens(new Sealed(check.get(), CONTEXT));
            return;
        }
        anyStoredSecret().ifPresent(this::opens);
        jdbi.useHandle(h -> h.createUpdate("UPDATE installation SET key_check = :check WHERE key_check IS NULL")
                .bind("check", cipher.seal(PLAIN, CONTEXT)).execute());
        // another manager may have written its own check first: ours must open what won
        opens(new Sealed(storedCheck().orElseThrow(), CONTEXT));
    }

    private Optional<byte[]> storedCheck() {
        return jdbi.withHandle(h -> h.createQuery("SELECT key_check FROM installation WHERE key_check IS NOT NULL")
                .mapTo(byte[].class).findOne());
    }

    private Optional<Sealed> anyStoredSecret() {
        return jdbi.withHandle(h -> h.createQuery("""
                        (SELECT secrets AS value, 'vm_provider_configs.secrets' AS context FROM vm_provider_configs
                          WHERE secrets IS NOT NULL LIMIT 1)
                        UNION ALL
                        (SELECT secrets, 'dns_provider_configs.secrets' FROM dns_provider_configs
                          WHERE secrets IS NOT NULL LIMIT 1)
                        UNION ALL
                        (SELECT nginx_key, 'zones.nginx_key' FROM zones WHERE nginx_key IS NOT NULL LIMIT 1)
                        LIMIT 1""")
                .map((rs, ctx) -> new Sealed(rs.getBytes("value"), rs.getString("context"))).findOne());
    }

    private void opens(Sealed sealed) {
        try {
            Arrays.fill(cipher.open(sealed.value(), sealed.context()), (byte) 0);
        } catch (IllegalStateException e) {
            throw new WrongMasterKeyException(sealed.context());
        }
    }

    /** The master key does not open the installation's secrets; {@code where} names what was tried. */
    public static final class WrongMasterKeyException extends RuntimeException {
        private final String where;

        WrongMasterKeyException(String where) {
            super("the master key does not open " + where);
            this.where = where;
        }

        public String where() {
            return where;
        }
    }
}
