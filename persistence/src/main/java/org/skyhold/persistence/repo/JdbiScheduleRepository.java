package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.port.ScheduleRepository;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.WeekDays;

/**
 * Windows in {@code schedule_windows}, their staged-session counts in {@code schedule_window_staging}. A save is
 * one transaction under the zone row's lock, so the overlap check and the write cannot interleave with another
 * save of the same zone.
 */
public final class JdbiScheduleRepository implements ScheduleRepository {
    private final Jdbi jdbi;

    public JdbiScheduleRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One window row before its staged-session counts are attached. */
    private record Row(long id, long zoneId, String name, Set<DayOfWeek> days, LocalTime start, LocalTime end,
                       ZoneId timeZone, Capacity standby, int lead, boolean drain) {
        ScheduleWindow with(Map<Long, Integer> staged) {
            return new ScheduleWindow(id, zoneId, name, days, start, end, timeZone, standby, lead, drain, staged);
        }
    }

    @Override
    public List<ScheduleWindow> listByZone(long zoneId) {
        return SqlFailures.doing("list the windows of zone " + zoneId).call(() -> jdbi.withHandle(h ->
                read(h, h.createQuery("SELECT * FROM schedule_windows WHERE zone_id = :zoneId ORDER BY id")
                        .bind("zoneId", zoneId).map(JdbiScheduleRepository::row).list())));
    }

    @Override
    public Optional<ScheduleWindow> find(long id) {
        return SqlFailures.doing("read window " + id).call(() -> jdbi.withHandle(h ->
                read(h, h.createQuery("SELECT * FROM schedule_windows WHERE id = :id").bind("id", id)
                        .map(JdbiScheduleRepository::row).list()).stream().findFirst()));
    }

    @Override
    public ScheduleWindow create(ScheduleWindow w, Check check) {
        return writing("add window " + w.name()).call(() -> jdbi.inTransaction(h -> {
            check.against(locked(h, w.zoneId(), 0));
            long id = h.createUpdate("""
                    INSERT INTO schedule_windows (zone_id, name, days, start_time, end_time, time_zone, standby_cores,
                        standby_gpus, standby_memory_mb, lead_minutes, drain_at_end)
                    VALUES (:zoneId, :name, :days, :start, :end, :tz, :cores, :gpus, :memory, :lead, :drain)""")
                    .bind("zoneId", w.zoneId()).bindMap(values(w))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            writeStaging(h, id, w.stagedSessions());
            return w.withId(id, w.zoneId());
        }));
    }

    @Override
    public Optional<ScheduleWindow> update(ScheduleWindow w, Check check) {
        return writing("change window " + w.id()).call(() -> jdbi.inTransaction(h -> {
            check.against(locked(h, w.zoneId(), w.id()));
            int n = h.createUpdate("""
                    UPDATE schedule_windows SET name = :name, days = :days, start_time = :start, end_time = :end,
                           time_zone = :tz, standby_cores = :cores, standby_gpus = :gpus, standby_memory_mb = :memory,
                           lead_minutes = :lead, drain_at_end = :drain, updated_at = now()
                     WHERE id = :id AND zone_id = :zoneId""")
                    .bind("id", w.id()).bind("zoneId", w.zoneId()).bindMap(values(w)).execute();
            if (n == 0) {
                return Optional.<ScheduleWindow>empty();
            }
            h.createUpdate("DELETE FROM schedule_window_staging WHERE window_id = :id").bind("id", w.id()).execute();
            writeStaging(h, w.id(), w.stagedSessions());
            return Optional.of(w);
        }));
    }

    @Override
    public boolean delete(long id) {
        return SqlFailures.doing("delete window " + id).call(() -> jdbi.withHandle(h -> h
                .createUpdate("DELETE FROM schedule_windows WHERE id = :id").bind("id", id).execute() > 0));
    }

    /** Locks the zone's row and returns its windows other than {@code except}. */
    private static List<ScheduleWindow> locked(Handle h, long zoneId, long except) {
        h.createQuery("SELECT id FROM zones WHERE id = :zoneId FOR UPDATE").bind("zoneId", zoneId)
                .mapTo(Long.class).findOne();
        return read(h, h.createQuery("SELECT * FROM schedule_windows WHERE zone_id = :zoneId AND id <> :except "
                + "ORDER BY id").bind("zoneId", zoneId).bind("except", except).map(JdbiScheduleRepository::row).list());
    }

    private static void writeStaging(Handle h, long windowId, Map<Long, Integer> staged) {
        for (Map.Entry<Long, Integer> e : staged.entrySet()) {
            h.createUpdate("INSERT INTO schedule_window_staging (window_id, image_id, num_sessions) VALUES (:w, :i, :n)")
                    .bind("w", windowId).bind("i", e.getKey()).bind("n", e.getValue()).execute();
        }
    }

    private static List<ScheduleWindow> read(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<Long, Integer>> staged = new HashMap<>();
        h.createQuery("SELECT * FROM schedule_window_staging WHERE window_id IN (<ids>)")
                .bindList("ids", rows.stream().map(Row::id).toList())
                .map((rs, ctx) -> staged.computeIfAbsent(rs.getLong("window_id"), k -> new HashMap<>())
                        .put(rs.getLong("image_id"), rs.getInt("num_sessions")))
                .list();
        List<ScheduleWindow> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.with(staged.getOrDefault(r.id(), Map.of()))));
        return out;
    }

    private static Map<String, Object> values(ScheduleWindow w) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", w.name());
        v.put("days", String.join(",", WeekDays.names(w.days())));
        v.put("start", w.start());
        v.put("end", w.end());
        v.put("tz", w.timeZone().getId());
        v.put("cores", (int) w.standby().cores());
        v.put("gpus", (int) w.standby().gpus());
        v.put("memory", w.standby().memoryMb());
        v.put("lead", w.leadMinutes());
        v.put("drain", w.drainAtEnd());
        return v;
    }

    private static SqlFailures writing(String doing) {
        return SqlFailures.doing(doing).duplicate("schedule_windows_zone_name", "name",
                "the zone already has a window of that name");
    }

    private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : rs.getString("days").split(",")) {
            WeekDays.parse(d).ifPresent(days::add);
        }
        return new Row(rs.getLong("id"), rs.getLong("zone_id"), rs.getString("name"), days,
                rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class),
                ZoneId.of(rs.getString("time_zone")), new Capacity(rs.getInt("standby_cores"),
                rs.getInt("standby_gpus"), rs.getLong("standby_memory_mb")), rs.getInt("lead_minutes"),
                rs.getBoolean("drain_at_end"));
    }
}
