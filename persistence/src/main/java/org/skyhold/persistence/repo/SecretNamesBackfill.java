package org.skyhold.persistence.repo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.domain.port.SecretCipher;

/**
 * Fills the {@code secret_names} column of provider rows written before it existed, by opening their sealed
 * secrets once with the installation's key (run at start-up, after the key check). Until a row is filled, reading
 * it opens its secrets as before; afterwards reading never does.
 */
public final class SecretNamesBackfill {
    private static final List<String> TABLES = List.of("vm_provider_configs", "dns_provider_configs");

    private SecretNamesBackfill() {
    }

    /** What the backfill did: rows filled, and rows whose secrets did not open (left as they were). */
    public record Result(int filled, int unopenable) {
    }

    public static Result run(Jdbi jdbi, SecretCipher cipher) {
        int filled = 0;
        int unopenable = 0;
        for (String table : TABLES) {
            ProviderColumns columns = new ProviderColumns(cipher, new ObjectMapper(), table + ".secrets");
            List<Map.Entry<Long, byte[]>> rows = jdbi.withHandle(h -> h.createQuery("SELECT id, secrets FROM "
                    + table + " WHERE secrets IS NOT NULL AND secret_names IS NULL")
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getBytes("secrets"))).list());
            for (Map.Entry<Long, byte[]> row : rows) {
                List<String> names;
                try {
                    names = ProviderColumns.names(columns.open(row.getValue()));
                } catch (RepositoryException e) {
                    unopenable++;
                    continue;
                }
                // only if the row still holds the secrets just read: a concurrent save wrote its own names
                filled += jdbi.withHandle(h -> h.createUpdate("UPDATE " + table + " SET secret_names = :names "
                                + "WHERE id = :id AND secret_names IS NULL AND secrets = :secrets")
                        .bindArray("names", String.class, names).bind("id", row.getKey())
                        .bind("secrets", row.getValue()).execute());
            }
        }
        return new Result(filled, unopenable);
    }
}
