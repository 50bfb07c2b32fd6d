package org.skyhold.app.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.skyhold.domain.engine.ScheduleReader;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.BootTimeRepository;
import org.skyhold.domain.port.ScheduleRepository;
import org.skyhold.domain.port.StagingConfigRepository;
import org.skyhold.domain.port.VmProviderConfigRepository;
import org.skyhold.domain.schedule.Overlaps;
import org.skyhold.domain.schedule.ScheduleNow;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.ZoneSchedule;

/**
 * A zone's standby windows: list, add, change (fields left out keep their values), delete, with every field
 * checked by name and overlaps refused naming both windows; and what is in force now, for the pages and JSON.
 */
public final class ScheduleService {
    private final ScheduleRepository windows;
    private final BootTimeRepository bootTimes;
    private final StagingConfigRepository staging;
    private final VmProviderConfigRepository providers;
    private final ZoneService zones;
    private final SettingsEvents events;
    private final ScheduleInput input;
    private final Clock clock;

    public ScheduleService(ScheduleRepository windows, BootTimeRepository bootTimes, StagingConfigRepository staging,
                           VmProviderConfigRepository providers, ZoneService zones, SettingsEvents events,
                           ObjectMapper json, Clock clock) {
        this.windows = windows;
        this.bootTimes = bootTimes;
        this.staging = staging;
        this.providers = providers;
        this.zones = zones;
        this.events = events;
        this.input = new ScheduleInput(json);
        this.clock = clock;
    }

    public List<ScheduleWindow> list(long zoneId) {
        zones.get(zoneId);
        return windows.listByZone(zoneId);
    }

    public ScheduleWindow get(long zoneId, long id) {
        return windows.find(id).filter(w -> w.zoneId() == zoneId)
                .orElseThrow(() -> new NotFoundException("no window " + id + " in zone " + zoneId));
    }

    public ScheduleWindow create(long zoneId, Map<String, String> values, String actor) {
        zones.get(zoneId);
        ScheduleWindow w = input.parse(0, zoneId, values, stagedImages(zoneId));
        ScheduleWindow saved = ZoneService.saved(() -> windows.create(w, others -> refuseOverlap(w, others)));
        events.record(zoneId, actor, "schedule.created", "added window", "\"" + saved.name() + "\"", List.of());
        return saved;
    }

    public ScheduleWindow update(long zoneId, long id, Map<String, String> values, String actor) {
        ScheduleWindow current = get(zoneId, id);
        Map<String, String> merged = new HashMap<>(ScheduleInput.wire(current));
        merged.putAll(values);
        List<String> changed = values.keySet().stream().filter(k -> !values.get(k).equals(
                ScheduleInput.wire(current).get(k))).sorted().toList();
        ScheduleWindow w = input.parse(id, zoneId, merged, stagedImages(zoneId));
        ScheduleWindow saved = ZoneService.saved(() -> windows.update(w, others -> refuseOverlap(w, others))
                .orElseThrow(() -> new NotFoundException("no window " + id + " in zone " + zoneId)));
        events.record(zoneId, actor, "schedule.updated", "changed window", "\"" + saved.name() + "\"", changed);
        return saved;
    }

    public void delete(long zoneId, long id, String actor) {
        ScheduleWindow w = get(zoneId, id);
        windows.delete(id);
        events.record(zoneId, actor, "schedule.deleted", "deleted window", "\"" + w.name() + "\"", List.of());
    }

    /** The zone's schedule with its providers' measured boot time, as the planner reads it. */
    public ZoneSchedule schedule(long zoneId) {
        return ScheduleReader.read(windows, bootTimes, zoneId, providers.listByZone(zoneId));
    }

    /** What is in force in the zone now and the next change. */
    public ScheduleNow now(Zone zone) {
        var s = zone.settings();
        return schedule(zone.id()).at(new Capacity(s.standbyCores(), s.standbyGpus(), s.standbyMemoryMb()),
                clock.instant());
    }

    /** Each provider's median create-to-running time over its newest agents; absent until one checked in. */
    public Map<Long, Duration> bootTimes(long zoneId) {
        return bootTimes.medianBootTimes(zoneId);
    }

    private void refuseOverlap(ScheduleWindow w, List<ScheduleWindow> others) {
        Overlaps.refusal(w, others, clock.instant()).ifPresent(m -> {
            throw ValidationException.of("start", m);
        });
    }

    private Set<Long> stagedImages(long zoneId) {
        return staging.listByZone(zoneId).stream().map(c -> c.imageId()).collect(Collectors.toSet());
    }
}
