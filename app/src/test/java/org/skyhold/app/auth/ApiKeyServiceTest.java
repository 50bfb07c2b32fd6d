package org.skyhold.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.app.engine.ManualClock;
import org.skyhold.app.settings.SettingsEvents;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.domain.model.ApiScope;
import org.skyhold.domain.port.ApiKeyRepository;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.repo.JdbiApiKeyRepository;
import org.skyhold.persistence.repo.JdbiEventRepository;

/**
 * API keys are read from the database once per {@link ApiKeyService#REMEMBERED_FOR} at most, yet a revocation on
 * this manager refuses the key at once and one made elsewhere within that bound. Real PostgreSQL underneath; the
 * repository is counted, not replaced.
 */
class ApiKeyServiceTest {
    private static final Instant T0 = Instant.parse("2031-02-03T04:05:06Z");

    private final ManualClock clock = new ManualClock(T0);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger touches = new AtomicInteger();
    private ApiKeyRepository stored;
    private ApiKeyService service;

    @BeforeEach
    void setUp() {
        var jdbi = TestDatabase.shared().jdbi();
        stored = new JdbiApiKeyRepository(jdbi);
        service = new ApiKeyService(new Counted(stored), new SettingsEvents(new JdbiEventRepository(jdbi), clock,
                new ObjectMapper()), clock);
    }

    @Test
    void aKeyIsReadOnceWithinTheBoundAndAgainAfterIt() {
        String key = service.create("cached " + System.nanoTime(), "sessions", "admin").fullKey();

        for (int i = 0; i < 20; i++) {
            assertThat(service.authenticate(key)).map(Actor::scope).contains(ApiScope.SESSIONS);
        }
        assertThat(reads).hasValue(1);

        clock.advance(ApiKeyService.REMEMBERED_FOR.plusMillis(1));
        assertThat(service.authenticate(key)).isPresent();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aWrongSecretIsRefusedEvenWhenItsKeyIsRemembered() {
        String key = service.create("wrong " + System.nanoTime(), "admin", "admin").fullKey();
        assertThat(service.authenticate(key)).isPresent();

        assertThat(service.authenticate(key.substring(0, key.length() - 2) + "xx")).isEmpty();
        assertThat(service.authenticate(key.substring(0, key.lastIndexOf('_') + 1))).isEmpty();
    }

    @Test
    void aKeyRevokedOnThisManagerIsRefusedAtOnce() {
        ApiKeyService.Created created = service.create("revoked here " + System.nanoTime(), "admin", "admin");
        assertThat(service.authenticate(created.fullKey())).isPresent();

        service.revoke(created.key().id(), "admin");

        assertThat(service.authenticate(created.fullKey())).isEmpty();
    }

    @Test
    void aKeyRevokedThroughAnotherManagerStopsWorkingWithinTheBound() {
        ApiKeyService.Created created = service.create("revoked elsewhere " + System.nanoTime(), "admin", "admin");
        assertThat(service.authenticate(created.fullKey())).isPresent();

        // another manager sharing the database revokes it: this one learns of it when its memory of the row expires
        stored.revoke(created.key().id(), clock.instant());
        clock.advance(ApiKeyService.REMEMBERED_FOR.minusMillis(1));
        assertThat(service.authenticate(created.fullKey())).as("still remembered").isPresent();
        clock.advance(Duration.ofMillis(1));

        assertThat(service.authenticate(created.fullKey())).isEmpty();
    }

    @Test
    void anUnknownKeyIsNotRememberedSoAKeyCreatedElsewhereWorksAtOnce() {
        assertThat(service.authenticate("sk_nosuchkey1_secret")).isEmpty();
        assertThat(service.authenticate("sk_nosuchkey1_secret")).isEmpty();

        assertThat(reads).hasValue(2);
    }

    @Test
    void lastUsedIsWrittenAtMostOnceASecondPerKey() {
        ApiKeyService.Created created = service.create("touched " + System.nanoTime(), "read", "admin");

        for (int i = 0; i < 50; i++) {
            service.authenticate(created.fullKey());
            clock.advance(Duration.ofMillis(100));
        }

        // 5 s of requests every 100 ms: one write a second
        assertThat(touches.get()).isBetween(5, 6);
        Instant lastUsed = stored.findByPrefix(created.key().prefix()).orElseThrow().lastUsedAt();
        assertThat(lastUsed).isAfterOrEqualTo(T0.plusSeconds(4)).isBefore(clock.instant());
    }

    /** The real repository, counting the reads and writes this service makes. */
    private final class Counted implements ApiKeyRepository {
        private final ApiKeyRepository real;

        Counted(ApiKeyRepository real) {
            this.real = real;
        }

        @Override
        public ApiKey create(String name, String prefix, String keyHash, ApiScope scope) {
            return real.create(name, prefix, keyHash, scope);
        }

        @Override
        public Optional<ApiKey> findByPrefix(String prefix) {
            reads.incrementAndGet();
            return real.findByPrefix(prefix);
        }

        @Override
        public List<ApiKey> list() {
            return real.list();
        }

        @Override
        public boolean revoke(long id, Instant at) {
            return real.revoke(id, at);
        }

        @Override
        public void touch(long id, Instant at) {
            touches.incrementAndGet();
            real.touch(id, at);
        }
    }
}
