package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.persistence.TestDatabase;

class JdbiStagingConfigRepositoryTest {
    private final JdbiStagingConfigRepository staging = new JdbiStagingConfigRepository(Fixtures.jdbi());
    private long zoneId;
    private long imageA;
    private long imageB;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
        imageA = Fixtures.image("a");
        imageB = Fixtures.image("b");
    }

    @Test
    void aStagingConfigRoundTripsEveryField() {
        StagingConfig created = staging.create(zoneId, imageA, 3, 12);

        assertThat(created.id()).isPositive();
        assertThat(created).isEqualTo(new StagingConfig(created.id(), zoneId, imageA, 3, 12));
        assertThat(staging.find(created.id())).contains(created);
    }

    @Test
    void theZonesConfigsAreListedById() {
        long first = staging.create(zoneId, imageB, 1, 1).id();
        long second = staging.create(zoneId, imageA, 1, 1).id();
        staging.create(Fixtures.zone("other"), imageA, 1, 1);

        assertThat(staging.listByZone(zoneId)).extracting(StagingConfig::id).containsExactly(first, second);
    }

    @Test
    void anUpdateReplacesImageCountAndExpiration() {
        StagingConfig created = staging.create(zoneId, imageA, 3, 12);

        StagingConfig updated = staging.update(created.id(), imageB, 0, 1).orElseThrow();

        assertThat(updated).isEqualTo(new StagingConfig(created.id(), zoneId, imageB, 0, 1));
        assertThat(staging.find(created.id())).contains(updated);
    }

    @Test
    void aMissingConfigIsEmptyToFindAndUpdateAndFalseToDelete() {
        assertThat(staging.find(999)).isEmpty();
        assertThat(staging.update(999, imageA, 1, 1)).isEmpty();
        assertThat(staging.delete(999)).isFalse();
    }

    @Test
    void anImageTheZoneAlreadyStagesIsRefusedWithTheFieldNamed() {
        staging.create(zoneId, imageA, 1, 1);
        long other = staging.create(zoneId, imageB, 1, 1).id();

        assertThatThrownBy(() -> staging.create(zoneId, imageA, 2, 2))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("image_id");
                    assertThat(e.getMessage()).isEqualTo("the zone already stages image " + imageA);
                });
        assertThatThrownBy(() -> staging.update(other, imageA, 1, 1))
                .isInstanceOfSatisfying(DuplicateNameException.class,
                        e -> assertThat(e.field()).isEqualTo("image_id"));
        assertThat(staging.create(Fixtures.zone("other"), imageA, 1, 1).id()).isPositive();
    }

    @Test
    void aConfigIsDeleted() {
        long id = staging.create(zoneId, imageA, 1, 1).id();

        assertThat(staging.delete(id)).isTrue();
        assertThat(staging.find(id)).isEmpty();
    }

    @Test
    void aConfigForAnImageThatDoesNotExistIsARepositoryError() {
        assertThatThrownBy(() -> staging.create(zoneId, 999, 1, 1))
                .isExactlyInstanceOf(RepositoryException.class)
                .hasMessageContaining("staging_configs_image_id_fkey");
    }
}
