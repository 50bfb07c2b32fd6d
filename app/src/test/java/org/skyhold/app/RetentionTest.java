package org.skyhold.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.app.config.Config;
import org.skyhold.app.config.ConfigException;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.model.WebSession;

/** Events older than SKYHOLD_EVENT_RETENTION_DAYS and expired browser sign-ins are pruned. */
class RetentionTest {
    @Test
    void eventsOlderThanTheRetentionAndExpiredWebSessionsArePruned() {
        Map<String, String> env = new java.util.HashMap<>(TestApp.env(TestApp.newDataDir()));
        env.put("SKYHOLD_EVENT_RETENTION_DAYS", "30");
        try (TestApp app = TestApp.start(env)) {
            var repos = app.skyhold.repositories();
            Instant now = Instant.now();
            Event old = repos.events().append(Event.of(now.minus(Duration.ofDays(31)), null, null, "plan", "system",
                    "a month ago"));
            Event recent = repos.events().append(Event.of(now.minus(Duration.ofDays(29)), null, null, "plan",
                    "system", "last week"));
            long admin = repos.users().findByUsername("admin").orElseThrow().id();
            repos.webSessions().create(new WebSession("expired-hash", admin, "csrf", now.minus(Duration.ofDays(2)),
                    now.minus(Duration.ofDays(1))));
            repos.webSessions().create(new WebSession("live-hash", admin, "csrf", now, now.plus(Duration.ofDays(1))));

            var pruned = app.skyhold.retention().prune(now);

            assertThat(pruned).get().satisfies(p -> {
                assertThat(p.events()).isGreaterThanOrEqualTo(1);
                assertThat(p.webSessions()).isGreaterThanOrEqualTo(1);
            });
            var left = repos.events().list(null, null, "plan", null, 1000);
            assertThat(left).extracting(Event::id).contains(recent.id()).doesNotContain(old.id());
            assertThat(repos.webSessions().find("expired-hash", now.minus(Duration.ofDays(3)))).isEmpty();
            assertThat(repos.webSessions().find("live-hash", now)).isPresent();
            assertThat(repos.events().list(null, null, "retention.pruned", null, 10)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).contains("older than 30 days"));
        }
    }

    @Test
    void theRetentionIsNinetyDaysUnlessSetAndMustBeAWholeNumberOfDays() {
        Map<String, String> env = new java.util.HashMap<>(TestApp.env(TestApp.newDataDir()));
        assertThat(Config.fromEnvironment(env).eventRetentionDays()).isEqualTo(90);
        env.put("SKYHOLD_EVENT_RETENTION_DAYS", "0");
        assertThatThrownBy(() -> Config.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SKYHOLD_EVENT_RETENTION_DAYS");
    }
}
