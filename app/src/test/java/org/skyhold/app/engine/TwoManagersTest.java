package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;

/** Two Skyhold managers on one PostgreSQL: one acts per zone, the other takes over when it goes away. */
class TwoManagersTest {
    private static Map<String, String> env(String databaseUrl, String manager) {
        Map<String, String> env = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        env.put("SKYHOLD_DATABASE_URL", databaseUrl);
        env.put("SKYHOLD_MANAGER_ID", manager);
        // every manager sharing a database needs the installation's master key (README, "Running several managers")
        env.put("SKYHOLD_MASTER_KEY", SHARED_KEY);
        return env;
    }

    private static final String SHARED_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void neverBothActOnAZoneAndTheSecondTakesOverWhenTheFirstStops() {
        String db = TestApp.env(TestApp.newDataDir()).get("SKYHOLD_DATABASE_URL");
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
        Scenario first = Scenario.start(env(db, "manager-a"), clock);
        try (Scenario second = Scenario.start(env(db, "manager-b"), clock)) {
            long zone = first.zone(Map.of("standby_cores", 8));
            first.simProvider(zone, Map.of("sim_boot_seconds", 3000));
            for (int i = 0; i < 5; i++) {
                first.step(zone);
                second.step(zone);
            }
            assertThat(first.agents(zone)).as("the capacity was ordered once, not by both").hasSize(2);
            var primary = second.api.get("/api/v1/zones/" + zone + "/plan").body().get("primary");
            assertThat(primary.get("manager_id").asText()).isEqualTo("manager-a");
            assertThat(second.page("/zones/" + zone)).contains("Primary manager: manager-a");

            first.close();
            second.step(zone);
            assertThat(second.api.get("/api/v1/zones/" + zone + "/plan").body().get("primary").get("manager_id")
                    .asText()).isEqualTo("manager-b");
            assertThat(second.agents(zone)).hasSize(2);
        } finally {
            first.close();
        }
    }

    @Test
    void aManagerThatStopsRenewingIsReplacedOnceItsLeaseExpires() {
        try (Scenario s = Scenario.start()) {
            long zone = s.zone(Map.of("standby_cores", 4));
            var leases = s.app.repositories().leases();
            Instant t = s.clock.instant();
            // another manager took the lease (once ours had lapsed) and then died without a word
            assertThat(leases.acquire(zone, "crashed-manager", t.plusSeconds(16), t.plusSeconds(31))).isPresent();
            s.simProvider(zone, Map.of("sim_boot_seconds", 3000));

            s.step(zone);
            assertThat(s.agents(zone)).as("nothing happens while the dead manager's lease lives").isEmpty();
            s.clock.advance(Duration.ofSeconds(30));
            s.step(zone);
            assertThat(s.agents(zone)).as("still within its lease").isEmpty();
            s.clock.advance(Duration.ofSeconds(1));
            s.step(zone);
            assertThat(s.agents(zone)).hasSize(1);
            assertThat(leases.find(zone).orElseThrow().managerId()).isEqualTo(s.app.engine().loop.managerId());
        }
    }
}
