package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.port.ImageRepository;

/** Workspace images in the {@code images} table. */
public final class JdbiImageRepository implements ImageRepository {
    private final Jdbi jdbi;

    public JdbiImageRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Image create(String name, Capacity reservation) {
        return writing("create image", name).call(() -> jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO images (name, cores, gpus, memory_mb) VALUES (:name, :cores, :gpus, :memoryMb)""")
                .bind("name", name)
                .bind("cores", reservation.cores())
                .bind("gpus", reservation.gpus())
                .bind("memoryMb", reservation.memoryMb())
                .executeAndReturnGeneratedKeys().map(JdbiImageRepository::map).one()));
    }

    @Override
    public Optional<Image> find(long id) {
        return SqlFailures.doing("read image " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM images WHERE id = :id").bind("id", id)
                .map(JdbiImageRepository::map).findOne()));
    }

    @Override
    public List<Image> list() {
        return SqlFailures.doing("list images").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM images ORDER BY name, id").map(JdbiImageRepository::map).list()));
    }

    @Override
    public Optional<Image> update(long id, String name, Capacity reservation) {
        return writing("update image " + id, name).call(() -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE images SET name = :name, cores = :cores, gpus = :gpus, memory_mb = :memoryMb,
                                  updated_at = now()
                 WHERE id = :id""")
                .bind("id", id)
                .bind("name", name)
                .bind("cores", reservation.cores())
                .bind("gpus", reservation.gpus())
                .bind("memoryMb", reservation.memoryMb())
                .executeAndReturnGeneratedKeys().map(JdbiImageRepository::map).findOne()));
    }

    @Override
    public boolean delete(long id) {
        return SqlFailures.doing("delete image " + id)
                .inUse("staging_configs_image_id_fkey",
                        "a zone still stages the image; remove its staging config first")
                .call(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM images WHERE id = :id")
                        .bind("id", id).execute() > 0));
    }

    private static SqlFailures writing(String doing, String name) {
        return SqlFailures.doing(doing).duplicate("images_name_key", "name",
                "an image named \"" + name + "\" already exists");
    }

    private static Image map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Image(rs.getLong("id"), rs.getString("name"),
                new Capacity(rs.getLong("cores"), rs.getLong("gpus"), rs.getLong("memory_mb")));
    }
}
