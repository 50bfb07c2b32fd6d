package org.skyhold.persistence.repo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.SecretCipher;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.crypto.AesGcmSecretCipher;

/** What the repository tests share: the test database, a fixed master key and rows other rows refer to. */
final class Fixtures {
    static final SecretCipher CIPHER = new AesGcmSecretCipher(filled(32, (byte) 7));
    static final ObjectMapper JSON = new ObjectMapper();
    /** A moment with whole microseconds, the precision of {@code timestamptz}. */
    static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123456Z");

    private Fixtures() {
    }

    static Jdbi jdbi() {
        return TestDatabase.shared().jdbi();
    }

    static long zone(String name) {
        return new JdbiZoneRepository(jdbi(), CIPHER).create(ZoneSettings.defaults(name)).id();
    }

    static long image(String name) {
        return new JdbiImageRepository(jdbi()).create(name, new Capacity(2, 0, 4096)).id();
    }

    /** A running autoscaled-looking agent without a provider (so any zone will do). */
    static Agent agent(String id, long zoneId, AgentState state, Instant createdAt) {
        return new Agent(id, zoneId, null, false, id, state, null, null, null, null, null,
                new Capacity(8, 0, 16384), createdAt, createdAt, null, null, null, null);
    }

    /** The raw bytes of one column of one row, as an attacker with a database dump would see them. */
    static byte[] rawBytes(String table, String column, long id) {
        return jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM " + table + " WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).one());
    }

    /** The raw text of one column of one row. */
    static String rawText(String table, String column, long id) {
        return jdbi().withHandle(h -> h.createQuery(
                        "SELECT CAST(" + column + " AS text) FROM " + table + " WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + n.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
                return true;
            }
        }
        return false;
    }

    static byte[] filled(int length, byte value) {
        byte[] b = new byte[length];
        Arrays.fill(b, value);
        return b;
    }
}
