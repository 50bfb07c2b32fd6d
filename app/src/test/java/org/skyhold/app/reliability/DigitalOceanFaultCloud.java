package org.skyhold.app.reliability;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.skyhold.app.engine.Scenario;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.digitalocean.FakeDigitalOcean;

/** DigitalOcean for the fault matrix: the account of the kind's example settings, on the scenario's clock. */
final class DigitalOceanFaultCloud implements FaultCloud {
    private static final String AGENT_TAG = "skyhold-agent:";
    private final FakeDigitalOcean fake;

    DigitalOceanFaultCloud(Clock clock) {
        fake = FakeDigitalOcean.start(SampleSettings.DO_TOKEN, clock).sampleAccount();
    }

    @Override
    public String kind() {
        return "digitalocean";
    }

    @Override
    public Faults faults() {
        return fake.faults();
    }

    @Override
    public String createCall() {
        return "POST /droplets";
    }

    @Override
    public String deleteCall() {
        return "DELETE /droplets/";
    }

    @Override
    public Fault serverError() {
        return Fault.error(500, "server_error", "Server was unable to give you a response.");
    }

    /** DigitalOcean throttles with 429 and says when the quota resets in {@code ratelimit-reset}. */
    @Override
    public Fault throttle(int seconds) {
        return Fault.throttle(429, "too_many_requests", "API Rate limit exceeded.", seconds);
    }

    /**
     * DoHttp tries GET, PUT and DELETE twice more after a transient failure (a 5xx, a broken connection), and a
     * droplet create too once no droplet with the agent's tag shows that the failed attempt made one.
     */
    @Override
    public boolean clientRetries(CloudFault fault) {
        return fault == CloudFault.SERVER_ERRORS || fault == CloudFault.RESET || fault == CloudFault.CREATE_LOST
                || fault == CloudFault.DELETE_LOST;
    }

    @Override
    public long saveProvider(Scenario s, long zone, int maxInstances, String startupScript) {
        return s.cloudProvider(zone, "digitalocean", fake.url(), Map.of("max_instances", maxInstances,
                "startup_script", startupScript)).id();
    }

    @Override
    public List<Vm> live() {
        return fake.droplets().stream().map(d -> new Vm(Long.toString(d.id), d.tags.stream()
                .filter(t -> t.startsWith(AGENT_TAG)).map(t -> t.substring(AGENT_TAG.length())).findFirst()
                .orElse(null), d.status.equals("active"))).toList();
    }

    @Override
    public void boot(String id) {
        fake.boot(Long.parseLong(id));
    }

    @Override
    public int checkIn(String id) {
        return fake.runStartupScript(Long.parseLong(id));
    }

    @Override
    public void settle() {
        // a deleted droplet is gone at once
    }

    @Override
    public void close() {
        fake.close();
    }
}
