package org.skyhold.domain.engine;

import java.util.function.Supplier;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.BootTimeRepository;
import org.skyhold.domain.port.CapacityHistoryRepository;
import org.skyhold.domain.port.DnsRecordRepository;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.port.ScheduleRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.port.StagingConfigRepository;
import org.skyhold.domain.port.VmProviderConfigRepository;
import org.skyhold.domain.port.ZoneLeaseRepository;
import org.skyhold.domain.port.ZoneRepository;
import org.skyhold.domain.provider.ProviderFactory;

/**
 * Everything the engine reads and acts through, gathered so its classes take one argument, not twelve.
 * {@code schedules} and {@code bootTimes} may be null: the zones then have no windows. {@code failpoints} and
 * {@code recovery} are what a crash test arms and shortens; the constructor without them takes {@link Failpoints#NONE}
 * and {@link RecoveryTimes#DEFAULT}.
 */
public record EnginePorts(
        ZoneRepository zones,
        VmProviderConfigRepository vmProviders,
        DnsProviderConfigRepository dnsProviders,
        AgentRepository agents,
        SessionRepository sessions,
        ImageRepository images,
        StagingConfigRepository staging,
        ZoneLeaseRepository leases,
        CapacityHistoryRepository capacityHistory,
        ProviderFactory factory,
        EventLog events,
        String installationId,
        java.util.function.Supplier<String> publicUrl,
        EngineMetrics metrics,
        DnsRecordRepository dnsRecords,
        ScheduleRepository schedules,
        BootTimeRepository bootTimes,
        Failpoints failpoints,
        RecoveryTimes recovery) {

    /** The ports with nothing armed and the default recovery times. */
    public EnginePorts(ZoneRepository zones, VmProviderConfigRepository vmProviders,
                       DnsProviderConfigRepository dnsProviders, AgentRepository agents, SessionRepository sessions,
                       ImageRepository images, StagingConfigRepository staging, ZoneLeaseRepository leases,
                       CapacityHistoryRepository capacityHistory, ProviderFactory factory, EventLog events,
                       String installationId, Supplier<String> publicUrl, EngineMetrics metrics,
                       DnsRecordRepository dnsRecords, ScheduleRepository schedules, BootTimeRepository bootTimes) {
        this(zones, vmProviders, dnsProviders, agents, sessions, images, staging, leases, capacityHistory, factory,
                events, installationId, publicUrl, metrics, dnsRecords, schedules, bootTimes, Failpoints.NONE,
                RecoveryTimes.DEFAULT);
    }
}
