package org.skyhold.app.reliability;

import java.util.List;
import java.util.Map;
import org.skyhold.app.engine.Scenario;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.gcp.FakeGcp;
import org.skyhold.providers.gcp.GcpTestSettings;

/** Compute Engine for the fault matrix: the project of the kind's example settings. */
final class GcpFaultCloud implements FaultCloud {
    private final FakeGcp gcp = FakeGcp.start(SampleSettings.GCP_KEY.getPublic(), GcpTestSettings.CLIENT_EMAIL)
            .sampleProject();

    @Override
    public String kind() {
        return "gcp";
    }

    @Override
    public Faults faults() {
        return gcp.faults();
    }

    @Override
    public String createCall() {
        return "instances.insert";
    }

    @Override
    public String deleteCall() {
        return "instances.delete";
    }

    @Override
    public Fault serverError() {
        return Fault.error(503, "backendError", "Backend Error");
    }

    /** Google throttles with 429 rateLimitExceeded (a Retry-After where it has one). */
    @Override
    public Fault throttle(int seconds) {
        return Fault.throttle(429, "rateLimitExceeded", "Rate Limit Exceeded", seconds);
    }

    /**
     * The JDK's HttpURLConnection (the REST transport) sends a request again once when a kept-alive
     * connection closes without an answer; a 5xx reaches the engine.
     */
    @Override
    public boolean clientRetries(CloudFault fault) {
        return fault == CloudFault.RESET || fault == CloudFault.CREATE_LOST || fault == CloudFault.DELETE_LOST;
    }

    @Override
    public long saveProvider(Scenario s, long zone, int maxInstances, String startupScript) {
        return s.cloudProvider(zone, "gcp", gcp.endpoint(), Map.of("max_instances", maxInstances,
                "startup_script", startupScript, "gcp_credentials", GcpTestSettings.keyFile(SampleSettings.GCP_KEY,
                        gcp.tokenUri(), "gcpKeyIdMARKER"))).id();
    }

    @Override
    public List<Vm> live() {
        return gcp.instances().stream().filter(i -> !i.status.equals("STOPPING"))
                .map(i -> new Vm(i.name, i.labels().get("skyhold-agent"), i.status.equals("RUNNING"))).toList();
    }

    @Override
    public void boot(String id) {
        gcp.boot(id);
    }

    @Override
    public int checkIn(String id) {
        return gcp.runUserData(id);
    }

    @Override
    public void settle() {
        gcp.settle();
    }

    @Override
    public void close() {
        gcp.close();
    }
}
