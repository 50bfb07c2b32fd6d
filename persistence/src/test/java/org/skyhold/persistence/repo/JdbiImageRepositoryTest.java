package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.T0;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;
import org.skyhold.persistence.TestDatabase;

class JdbiImageRepositoryTest {
    private final JdbiImageRepository images = new JdbiImageRepository(Fixtures.jdbi());

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
    }

    @Test
    void anImageRoundTripsEveryField() {
        Image created = images.create("ubuntu-desktop", new Capacity(4, 1, 8192));

        assertThat(created.id()).isPositive();
        assertThat(created.name()).isEqualTo("ubuntu-desktop");
        assertThat(created.reservation()).isEqualTo(new Capacity(4, 1, 8192));
        assertThat(images.find(created.id())).contains(created);
    }

    @Test
    void imagesAreListedByName() {
        images.create("windows", Capacity.ZERO);
        images.create("centos", Capacity.ZERO);

        assertThat(images.list()).extracting(Image::name).containsExactly("centos", "windows");
    }

    @Test
    void anUpdateReplacesNameAndReservation() {
        Image created = images.create("old", new Capacity(1, 0, 1024));

        Image updated = images.update(created.id(), "new", new Capacity(2, 1, 2048)).orElseThrow();

        assertThat(updated).isEqualTo(new Image(created.id(), "new", new Capacity(2, 1, 2048)));
        assertThat(images.find(created.id())).contains(updated);
    }

    @Test
    void aMissingImageIsEmptyToFindAndUpdateAndFalseToDelete() {
        assertThat(images.find(999)).isEmpty();
        assertThat(images.update(999, "x", Capacity.ZERO)).isEmpty();
        assertThat(images.delete(999)).isFalse();
    }

    @Test
    void aTakenImageNameIsRefusedWithTheFieldNamed() {
        images.create("taken", Capacity.ZERO);
        long other = images.create("other", Capacity.ZERO).id();

        assertThatThrownBy(() -> images.create("taken", Capacity.ZERO))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).isEqualTo("an image named \"taken\" already exists");
                });
        assertThatThrownBy(() -> images.update(other, "taken", Capacity.ZERO))
                .isInstanceOf(DuplicateNameException.class);
    }

    @Test
    void anUnusedImageIsDeleted() {
        long id = images.create("unused", Capacity.ZERO).id();

        assertThat(images.delete(id)).isTrue();
        assertThat(images.find(id)).isEmpty();
    }

    @Test
    void anImageAZoneStagesCannotBeDeleted() {
        long id = images.create("staged", Capacity.ZERO).id();
        new JdbiStagingConfigRepository(Fixtures.jdbi()).create(Fixtures.zone("zone"), id, 2, 8);

        assertThatThrownBy(() -> images.delete(id))
                .isInstanceOf(InUseException.class).hasMessageContaining("stages");
        assertThat(images.find(id)).isPresent();
    }

    @Test
    void deletingAnImageKeepsItsSessionsWithTheirReservation() {
        long id = images.create("in-use", Capacity.ZERO).id();
        long zoneId = Fixtures.zone("zone");
        new JdbiAgentRepository(Fixtures.jdbi()).insert(Fixtures.agent("agent-1", zoneId, AgentState.RUNNING, T0));
        JdbiSessionRepository sessions = new JdbiSessionRepository(Fixtures.jdbi());
        assertThat(sessions.place(new Session("s-1", zoneId, id, "agent-1",
                SessionKind.USER, SessionState.ACTIVE, "ann", new Capacity(2, 0, 1024), T0, null, null, null),
                new Capacity(8, 0, 16384))).isTrue();

        assertThat(images.delete(id)).isTrue();
        assertThat(sessions.find("s-1")).hasValueSatisfying(s -> {
            assertThat(s.imageId()).isNull();
            assertThat(s.reservation()).isEqualTo(new Capacity(2, 0, 1024));
        });
    }
}
