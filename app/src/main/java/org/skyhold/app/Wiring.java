package org.skyhold.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.skyhold.app.api.AgentApiController;
import org.skyhold.app.api.AgentProtocolController;
import org.skyhold.app.api.ApiKeyApiController;
import org.skyhold.app.api.EngineApiController;
import org.skyhold.app.api.ImageApiController;
import org.skyhold.app.api.SessionApiController;
import org.skyhold.app.api.ConnectionTester;
import org.skyhold.app.api.DnsProviderApiController;
import org.skyhold.app.api.OpenApiController;
import org.skyhold.app.api.ProviderKindApiController;
import org.skyhold.app.api.ScheduleApiController;
import org.skyhold.app.api.VmProviderApiController;
import org.skyhold.app.api.ZoneApiController;
import org.skyhold.app.auth.ApiKeyService;
import org.skyhold.app.auth.AuthService;
import org.skyhold.app.auth.LoginThrottle;
import org.skyhold.app.auth.PasswordHasher;
import org.skyhold.app.config.Config;
import org.skyhold.app.engine.Engine;
import org.skyhold.app.engine.ProviderConnectionTester;
import org.skyhold.app.pages.AccountPages;
import org.skyhold.app.pages.AgentPages;
import org.skyhold.app.pages.ApiKeyPages;
import org.skyhold.app.pages.DashboardPages;
import org.skyhold.app.pages.DnsProviderPages;
import org.skyhold.app.pages.EventPages;
import org.skyhold.app.pages.ImagePages;
import org.skyhold.app.pages.LoginPages;
import org.skyhold.app.pages.SchedulePages;
import org.skyhold.app.pages.VmProviderPages;
import org.skyhold.app.pages.ZoneDashboardModel;
import org.skyhold.app.pages.ZonePages;
import org.skyhold.app.settings.DnsProviderService;
import org.skyhold.app.settings.FieldParser;
import org.skyhold.app.settings.ImageService;
import org.skyhold.app.settings.ScheduleService;
import org.skyhold.app.settings.StagingConfigService;
import org.skyhold.app.settings.SettingsEvents;
import org.skyhold.app.settings.SettingsMerge;
import org.skyhold.app.settings.VmProviderService;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.ClientAddress;
import org.skyhold.app.web.HealthController;
import org.skyhold.app.web.HttpsSetup;
import org.skyhold.app.web.Json;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.app.web.WebApp;

/** Builds the services and controllers over the repositories: the web half of the wiring. */
final class Wiring {
    private Wiring() {
    }

    static WebApp.Built web(Config config, Repositories repos, BooleanSupplier databaseHealthy,
                            Supplier<String> publicUrl, Engine engine, Clock clock) {
        ObjectMapper json = Json.mapper();
        FieldParser parser = new FieldParser(json);
        SettingsMerge merge = new SettingsMerge(parser);
        SettingsEvents events = new SettingsEvents(repos.events(), clock, json, engine.loop::wake);
        ZoneService zones = new ZoneService(repos.zones(), repos.dnsProviders(), repos.agents(), merge, events);
        VmProviderService vmProviders = new VmProviderService(repos.vmProviders(), zones, merge, events, publicUrl,
                engine.catalog, engine.sizes::lookUpLater);
        DnsProviderService dnsProviders = new DnsProviderService(repos.dnsProviders(), merge, events, engine.catalog);
        ImageService images = new ImageService(repos.images(), merge, events);
        StagingConfigService staging = new StagingConfigService(repos.stagingConfigs(), repos.images(), zones, merge,
                events);
        ScheduleService schedules = new ScheduleService(repos.schedules(), repos.bootTimes(), repos.stagingConfigs(),
                repos.vmProviders(), zones, events, json, clock);

        AuthService auth = new AuthService(repos.users(), repos.webSessions(), new PasswordHasher(),
                new LoginThrottle(), events, clock);
        ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
        auth.ensureAdmin(config.adminPassword());
        ApiKeyService apiKeys = new ApiKeyService(repos.apiKeys(), events, clock);
        // the JSON API and the provider page's button run the same test
        ConnectionTester tester = new ProviderConnectionTester(engine.ports.factory());
        boolean https = config.tls() != null
                || config.publicUrl() != null && "https".equals(config.publicUrl().getScheme());

        Routes routes = new Routes();
        new HealthController(databaseHealthy, engine.metrics::scrape).register(routes);
        new LoginPages(auth, https, clientAddress).register(routes);
        ZoneDashboardModel dashboard = new ZoneDashboardModel(engine.reconciler, engine.loop::primary, staging, repos, clock);
        new DashboardPages(zones, dashboard).register(routes);
        SchedulePages schedulePages = new SchedulePages(schedules, zones, staging, repos.images(), clock);
        new ZonePages(zones, vmProviders, dnsProviders, clock, dashboard, schedulePages).register(routes);
        schedulePages.register(routes);
        new VmProviderPages(vmProviders, zones, tester, parser).register(routes);
        new DnsProviderPages(dnsProviders, parser).register(routes);
        new ApiKeyPages(apiKeys).register(routes);
        new AccountPages(auth).register(routes);
        new AgentPages(engine.agents, repos, zones, engine.ports.installationId(), clock, engine.catalog)
                .register(routes);
        new EventPages(repos.events(), zones).register(routes);
        new ImagePages(images, staging, zones).register(routes);
        new ZoneApiController(zones, json, clock, schedules).register(routes);
        new ScheduleApiController(schedules, json).register(routes);
        new VmProviderApiController(vmProviders, tester, json, zones, publicUrl, parser).register(routes);
        new DnsProviderApiController(dnsProviders, json, engine.simulated::records, parser).register(routes);
        new ProviderKindApiController(engine.catalog, json).register(routes);
        new ApiKeyApiController(apiKeys, json).register(routes);
        new AgentProtocolController(engine.checkins, repos.zones(), publicUrl, json, clock).register(routes);
        new SessionApiController(engine.sessions, repos.sessions(), repos.agents(), json).register(routes);
        new AgentApiController(engine.agents, repos.agents(), repos.sessions(), repos.vmProviders(),
                repos.dnsRecords(), zones, json)
                .register(routes);
        new EngineApiController(engine.reconciler, engine.loop, zones, repos.events(), json, clock).register(routes);
        new ImageApiController(images, staging, json).register(routes);
        new OpenApiController(routes::table, json).register(routes);
        HttpsSetup tls = config.tls() == null ? null
                : new HttpsSetup(config.tls(), config.bind(), config.port(), config.httpRedirectPort(), publicUrl);
        return WebApp.create(new SecurityFilter(auth, apiKeys, clientAddress), json, routes, tls);
    }
}
