package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;

/** Stores workspace images. Blocking; failures throw {@link RepositoryException}. */
public interface ImageRepository {
    /** Stores a new image; {@link DuplicateNameException} for a taken name. */
    Image create(String name, Capacity reservation);

    /** The image, or empty. */
    Optional<Image> find(long id);

    /** All images by name. */
    List<Image> list();

    /** Replaces name and reservation; empty when missing. */
    Optional<Image> update(long id, String name, Capacity reservation);

    /** Deletes it (sessions keep their reservation); false when missing. {@link InUseException} while staged. */
    boolean delete(long id);
}
