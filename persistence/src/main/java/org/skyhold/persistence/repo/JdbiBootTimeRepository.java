package org.skyhold.persistence.repo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.port.BootTimeRepository;

/**
 * Median create-to-running times from the {@code agents} table: {@code created_at} is when the engine wrote the
 * row it then asked the cloud to create, {@code checked_in_at} when the agent reported in (or was seen running,
 * for providers that need no check-in). Each provider reads its newest rows through {@code agents_provider_booted}.
 */
public final class JdbiBootTimeRepository implements BootTimeRepository {
    private final Jdbi jdbi;

    public JdbiBootTimeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Map<Long, Duration> medianBootTimes(long zoneId) {
        return SqlFailures.doing("read the boot times of zone " + zoneId).call(() -> jdbi.withHandle(h -> {
            Map<Long, Duration> out = new HashMap<>();
            h.createQuery("""
                    SELECT p.id, m.median
                      FROM vm_provider_configs p
                      CROSS JOIN LATERAL (
                          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY b.secs) AS median
                            FROM (SELECT EXTRACT(EPOCH FROM a.checked_in_at - a.created_at) AS secs
                                    FROM agents a
                                   WHERE a.provider_config_id = p.id AND a.checked_in_at IS NOT NULL
                                   ORDER BY a.created_at DESC
                                   LIMIT :recent) b) m
                     WHERE p.zone_id = :zoneId AND m.median IS NOT NULL""")
                    .bind("zoneId", zoneId).bind("recent", RECENT)
                    .map((rs, ctx) -> out.put(rs.getLong("id"), Duration.ofMillis(Math.round(rs.getDouble("median")
                            * 1000)))).list();
            return out;
        }));
    }
}
