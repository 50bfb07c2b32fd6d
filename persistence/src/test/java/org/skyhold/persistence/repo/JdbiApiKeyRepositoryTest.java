package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.T0;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.domain.model.ApiScope;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.persistence.TestDatabase;

class JdbiApiKeyRepositoryTest {
    private final JdbiApiKeyRepository keys = new JdbiApiKeyRepository(Fixtures.jdbi());

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
    }

    @Test
    void aKeyRoundTripsEveryFieldAndStartsUnusedAndLive() {
        ApiKey created = keys.create("deploy script", "sk_abc123", "sha256:hash", ApiScope.ADMIN);

        assertThat(created.id()).isPositive();
        assertThat(created.name()).isEqualTo("deploy script");
        assertThat(created.prefix()).isEqualTo("sk_abc123");
        assertThat(created.keyHash()).isEqualTo("sha256:hash");
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.lastUsedAt()).isNull();
        assertThat(created.revokedAt()).isNull();
        assertThat(keys.findByPrefix("sk_abc123")).contains(created);
        assertThat(keys.findByPrefix("sk_other")).isEmpty();
    }

    @Test
    void eachKeyKeepsItsScope() {
        for (ApiScope scope : ApiScope.values()) {
            keys.create(scope.wireName(), "p-" + scope.wireName(), "h", scope);
            assertThat(keys.findByPrefix("p-" + scope.wireName()).orElseThrow().scope()).isEqualTo(scope);
        }
    }

    @Test
    void keysAreListedNewestFirst() {
        ApiKey first = keys.create("a", "p1", "h", ApiScope.ADMIN);
        ApiKey second = keys.create("b", "p2", "h", ApiScope.ADMIN);
        ApiKey third = keys.create("c", "p3", "h", ApiScope.ADMIN);

        assertThat(keys.list()).extracting(ApiKey::id).containsExactly(third.id(), second.id(), first.id());
    }

    @Test
    void aTakenPrefixIsRefusedWithTheFieldNamed() {
        keys.create("a", "sk_same", "h", ApiScope.ADMIN);

        assertThatThrownBy(() -> keys.create("b", "sk_same", "h2", ApiScope.ADMIN))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("prefix");
                    assertThat(e.getMessage()).contains("sk_same");
                });
    }

    @Test
    void aKeyIsRevokedOnceAndStaysFindable() {
        ApiKey key = keys.create("a", "p1", "h", ApiScope.ADMIN);

        assertThat(keys.revoke(key.id(), T0)).isTrue();
        assertThat(keys.revoke(key.id(), T0.plusSeconds(1))).isFalse();
        assertThat(keys.revoke(999, T0)).isFalse();

        assertThat(keys.findByPrefix("p1").orElseThrow().revokedAt()).isEqualTo(T0);
    }

    @Test
    void aUseIsRecordedAtTheGivenMoment() {
        ApiKey key = keys.create("a", "p1", "h", ApiScope.ADMIN);

        keys.touch(key.id(), T0);
        keys.touch(key.id(), T0.plusSeconds(5));
        keys.touch(999, T0);

        assertThat(keys.findByPrefix("p1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
    }
}
