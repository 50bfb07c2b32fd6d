package org.skyhold.domain.testkit;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.port.InUseException;

/** {@link ImageRepository} in memory: unique names, no delete while a zone stages the image. */
public final class InMemoryImageRepository implements ImageRepository {
    private final InMemoryDatabase db;
    private final Map<Long, Image> rows = new HashMap<>();

    InMemoryImageRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Image create(String name, Capacity reservation) {
        synchronized (db.lock) {
            checkName(name, null);
            Image image = new Image(db.nextId(), name, reservation);
            rows.put(image.id(), image);
            return image;
        }
    }

    @Override
    public Optional<Image> find(long id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Override
    public List<Image> list() {
        synchronized (db.lock) {
            return rows.values().stream().sorted(Comparator.comparing(Image::name).thenComparingLong(Image::id))
                    .toList();
        }
    }

    @Override
    public Optional<Image> update(long id, String name, Capacity reservation) {
        synchronized (db.lock) {
            if (!rows.containsKey(id)) {
                return Optional.empty();
            }
            checkName(name, id);
            Image image = new Image(id, name, reservation);
            rows.put(id, image);
            return Optional.of(image);
        }
    }

    @Override
    public boolean delete(long id) {
        synchronized (db.lock) {
            if (!rows.containsKey(id)) {
                return false;
            }
            if (db.staging.stagesImage(id)) {
                throw new InUseException("a zone still stages the image; remove its staging config first");
            }
            rows.remove(id);
            return true;
        }
    }

    private void checkName(String name, Long self) {
        if (rows.values().stream().anyMatch(i -> i.name().equals(name) && (self == null || i.id() != self))) {
            throw new DuplicateNameException("name", "an image named \"" + name + "\" already exists");
        }
    }
}
