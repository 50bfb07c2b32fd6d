package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.CapacitySample;
import org.skyhold.domain.port.CapacityHistoryRepository;

/** {@link CapacityHistoryRepository} in memory: one sample per zone and instant, none for a zone that is gone. */
public final class InMemoryCapacityHistoryRepository implements CapacityHistoryRepository {
    private record Row(long zoneId, CapacitySample sample) {
    }

    private final InMemoryDatabase db;
    private final List<Row> rows = new ArrayList<>();

    InMemoryCapacityHistoryRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void record(long zoneId, Instant at, Capacity free, Capacity target) {
        synchronized (db.lock) {
            if (db.zones.find(zoneId).isEmpty()
                    || rows.stream().anyMatch(r -> r.zoneId() == zoneId && r.sample().at().equals(at))) {
                return;
            }
            rows.add(new Row(zoneId, new CapacitySample(at, free, target)));
        }
    }

    @Override
    public List<CapacitySample> since(long zoneId, Instant from) {
        synchronized (db.lock) {
            return rows.stream().filter(r -> r.zoneId() == zoneId && !r.sample().at().isBefore(from))
                    .map(Row::sample).sorted(Comparator.comparing(CapacitySample::at)).toList();
        }
    }

    @Override
    public int pruneBefore(Instant at) {
        synchronized (db.lock) {
            int before = rows.size();
            rows.removeIf(r -> r.sample().at().isBefore(at));
            return before - rows.size();
        }
    }

    void deleteZone(long zoneId) {
        rows.removeIf(r -> r.zoneId() == zoneId);
    }
}
