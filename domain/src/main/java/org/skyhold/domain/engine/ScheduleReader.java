package org.skyhold.domain.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.port.BootTimeRepository;
import org.skyhold.domain.port.ScheduleRepository;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.domain.schedule.ZoneSchedule;

/**
 * Reads a zone's windows and, only when one of them has a lead, its providers' measured boot times: the lead
 * covers the slowest enabled provider's median, since the planner may order from any of them.
 */
public final class ScheduleReader {
    private ScheduleReader() {
    }

    static ZoneSchedule read(EnginePorts ports, long zoneId, List<VmProviderConfig> providers) {
        return ports.schedules() == null ? ZoneSchedule.NONE
                : read(ports.schedules(), ports.bootTimes(), zoneId, providers);
    }

    /** The zone's schedule as the planner sees it (also what the pages and JSON show as in force). */
    public static ZoneSchedule read(ScheduleRepository schedules, BootTimeRepository bootTimes, long zoneId,
                                    List<VmProviderConfig> providers) {
        List<ScheduleWindow> windows = schedules.listByZone(zoneId);
        if (windows.isEmpty()) {
            return ZoneSchedule.NONE;
        }
        Duration boot = null;
        if (bootTimes != null && windows.stream().anyMatch(w -> w.leadMinutes() > 0)) {
            Map<Long, Duration> medians = bootTimes.medianBootTimes(zoneId);
            for (VmProviderConfig p : providers) {
                Duration d = medians.get(p.id());
                if (p.settings().enabled() && d != null && (boot == null || d.compareTo(boot) > 0)) {
                    boot = d;
                }
            }
        }
        return new ZoneSchedule(windows, boot);
    }
}
