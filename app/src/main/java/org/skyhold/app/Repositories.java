package org.skyhold.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.ApiKeyRepository;
import org.skyhold.domain.port.BootTimeRepository;
import org.skyhold.domain.port.CapacityHistoryRepository;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.DnsRecordRepository;
import org.skyhold.domain.port.EventRepository;
import org.skyhold.domain.port.ImageRepository;
import org.skyhold.domain.port.InstallationRepository;
import org.skyhold.domain.port.ScheduleRepository;
import org.skyhold.domain.port.SecretCipher;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.port.StagingConfigRepository;
import org.skyhold.domain.port.UserRepository;
import org.skyhold.domain.port.VmProviderConfigRepository;
import org.skyhold.domain.port.WebSessionRepository;
import org.skyhold.domain.port.ZoneLeaseRepository;
import org.skyhold.domain.port.ZoneRepository;
import org.skyhold.persistence.repo.JdbiAgentRepository;
import org.skyhold.persistence.repo.JdbiApiKeyRepository;
import org.skyhold.persistence.repo.JdbiBootTimeRepository;
import org.skyhold.persistence.repo.JdbiCapacityHistoryRepository;
import org.skyhold.persistence.repo.JdbiDnsProviderConfigRepository;
import org.skyhold.persistence.repo.JdbiDnsRecordRepository;
import org.skyhold.persistence.repo.JdbiEventRepository;
import org.skyhold.persistence.repo.JdbiImageRepository;
import org.skyhold.persistence.repo.JdbiInstallationRepository;
import org.skyhold.persistence.repo.JdbiScheduleRepository;
import org.skyhold.persistence.repo.JdbiSessionRepository;
import org.skyhold.persistence.repo.JdbiStagingConfigRepository;
import org.skyhold.persistence.repo.JdbiUserRepository;
import org.skyhold.persistence.repo.JdbiVmProviderConfigRepository;
import org.skyhold.persistence.repo.JdbiWebSessionRepository;
import org.skyhold.persistence.repo.JdbiZoneLeaseRepository;
import org.skyhold.persistence.repo.JdbiZoneRepository;

/** Every repository, built once over one JDBI handle and one secret cipher. */
public record Repositories(
        ZoneRepository zones,
        VmProviderConfigRepository vmProviders,
        DnsProviderConfigRepository dnsProviders,
        AgentRepository agents,
        ImageRepository images,
        StagingConfigRepository stagingConfigs,
        SessionRepository sessions,
        EventRepository events,
        UserRepository users,
        ApiKeyRepository apiKeys,
        ZoneLeaseRepository leases,
        CapacityHistoryRepository capacityHistory,
        WebSessionRepository webSessions,
        InstallationRepository installation,
        DnsRecordRepository dnsRecords,
        ScheduleRepository schedules,
        BootTimeRepository bootTimes) {

    public static Repositories create(Jdbi jdbi, SecretCipher cipher) {
        ObjectMapper json = new ObjectMapper();
        return new Repositories(
                new JdbiZoneRepository(jdbi, cipher),
                new JdbiVmProviderConfigRepository(jdbi, cipher, json),
                new JdbiDnsProviderConfigRepository(jdbi, cipher, json),
                new JdbiAgentRepository(jdbi),
                new JdbiImageRepository(jdbi),
                new JdbiStagingConfigRepository(jdbi),
                new JdbiSessionRepository(jdbi),
                new JdbiEventRepository(jdbi),
                new JdbiUserRepository(jdbi),
                new JdbiApiKeyRepository(jdbi),
                new JdbiZoneLeaseRepository(jdbi),
                new JdbiCapacityHistoryRepository(jdbi),
                new JdbiWebSessionRepository(jdbi),
                new JdbiInstallationRepository(jdbi),
                new JdbiDnsRecordRepository(jdbi),
                new JdbiScheduleRepository(jdbi),
                new JdbiBootTimeRepository(jdbi));
    }
}
