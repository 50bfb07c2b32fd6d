package org.skyhold.persistence.repo;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.skyhold.domain.model.WireEnum;

/**
 * Reads the column types the row mappers share. Nullable numbers need {@code wasNull}, timestamps are read as
 * {@link OffsetDateTime} so the JVM's time zone never takes part, and enums are read by their wire name.
 */
final class Columns {
    private Columns() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A {@code text[]} column as an array, or null when the column is NULL. */
    static String[] strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? null : (String[]) a.getArray();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static <E extends Enum<E> & WireEnum> E wire(ResultSet rs, String column, Class<E> type) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : WireEnum.fromWire(type, s);
    }

    /** The wire name to bind, or null. */
    static String wire(WireEnum value) {
        return value == null ? null : value.wireName();
    }
}
