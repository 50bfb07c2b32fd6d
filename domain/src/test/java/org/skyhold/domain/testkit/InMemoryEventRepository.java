package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;

/**
 * {@link EventRepository} in memory: newest first by {@code (at, id)}, paging after an event by its place in that
 * order (by id alone when it is not stored), as the Postgres one pages. Tests read the log through {@link #all}
 * and {@link #ofKind}.
 */
public final class InMemoryEventRepository implements EventRepository {
    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(Event::at)
            .thenComparingLong(Event::id).reversed();

    private final InMemoryDatabase db;
    private final List<Event> rows = new ArrayList<>();

    InMemoryEventRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Event append(Event e) {
        synchronized (db.lock) {
            Event stored = new Event(db.nextId(), e.at() != null ? e.at() : db.clock.instant(), e.zoneId(),
                    e.agentId(), e.kind(), e.actor() == null ? "system" : e.actor(), e.reason(),
                    e.dataJson() == null ? "{}" : e.dataJson());
            rows.add(stored);
            return stored;
        }
    }

    @Override
    public List<Event> list(Long zoneId, String agentId, String kind, Long beforeId, int limit) {
        synchronized (db.lock) {
            Optional<Event> before = beforeId == null ? Optional.empty()
                    : rows.stream().filter(e -> e.id() == beforeId).findFirst();
            return rows.stream()
                    .filter(e -> zoneId == null || zoneId.equals(e.zoneId()))
                    .filter(e -> agentId == null || agentId.equals(e.agentId()))
                    .filter(e -> kind == null || kind.equals(e.kind()))
                    .filter(e -> beforeId == null || before.map(b -> NEWEST_FIRST.compare(e, b) > 0)
                            .orElse(e.id() < beforeId))
                    .sorted(NEWEST_FIRST).limit(Math.max(0, limit)).toList();
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        synchronized (db.lock) {
            int before = rows.size();
            rows.removeIf(e -> e.at().isBefore(cutoff));
            return before - rows.size();
        }
    }

    @Override
    public List<Event> lifecycle(String agentId, int limit) {
        synchronized (db.lock) {
            return rows.stream().filter(e -> agentId.equals(e.agentId()) && e.kind().startsWith("agent."))
                    .sorted(NEWEST_FIRST.reversed()).limit(Math.max(0, limit)).toList();
        }
    }

    @Override
    public List<String> kinds() {
        synchronized (db.lock) {
            return rows.stream().map(Event::kind).distinct().sorted().toList();
        }
    }

    /** Every event, oldest first (by {@code at}, then id). */
    public List<Event> all() {
        synchronized (db.lock) {
            return rows.stream().sorted(NEWEST_FIRST.reversed()).toList();
        }
    }

    /** The events of one kind, oldest first. */
    public List<Event> ofKind(String kind) {
        return all().stream().filter(e -> Objects.equals(kind, e.kind())).toList();
    }

    /** The reasons of the events of one kind, oldest first: what an operator would read in the log. */
    public List<String> reasons(String kind) {
        return ofKind(kind).stream().map(Event::reason).toList();
    }
}
