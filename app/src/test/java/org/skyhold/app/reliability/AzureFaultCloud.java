package org.skyhold.app.reliability;

import java.util.List;
import java.util.Map;
import org.skyhold.app.engine.Scenario;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.azure.FakeAzure;

/** Azure for the fault matrix: the subscription of the kind's example settings (the JVM trusts its TLS). */
final class AzureFaultCloud implements FaultCloud {
    private final FakeAzure azure = FakeAzure.start(SampleSettings.vmProvider("azure").get("azure_client_secret"));

    @Override
    public String kind() {
        return "azure";
    }

    @Override
    public Faults faults() {
        return azure.faults();
    }

    @Override
    public String createCall() {
        return "PutVm";
    }

    @Override
    public String deleteCall() {
        return "DeleteVm";
    }

    @Override
    public Fault serverError() {
        return Fault.error(500, "InternalServerError", "An internal server error occurred.");
    }

    /** Resource Manager throttles with 429 TooManyRequests and a Retry-After. */
    @Override
    public Fault throttle(int seconds) {
        return Fault.throttle(429, "TooManyRequests", "The request is being throttled.", seconds);
    }

    /**
     * The OkHttp (retryOnConnectionFailure, on by default) sends a request again when the connection
     * closes without an answer; a 5xx reaches the engine.
     */
    @Override
    public boolean clientRetries(CloudFault fault) {
        return fault == CloudFault.RESET || fault == CloudFault.CREATE_LOST || fault == CloudFault.DELETE_LOST;
    }

    @Override
    public long saveProvider(Scenario s, long zone, int maxInstances, String startupScript) {
        return s.cloudProvider(zone, "azure", azure.endpoint(), Map.of("max_instances", maxInstances,
                "startup_script", startupScript)).id();
    }

    @Override
    public List<Vm> live() {
        return azure.vms().stream().filter(v -> !"Deleting".equals(v.provisioningState))
                .map(v -> new Vm(v.name, v.tags().get("skyhold-agent"), "Succeeded".equals(v.provisioningState)))
                .toList();
    }

    @Override
    public void boot(String id) {
        azure.boot(id);
    }

    @Override
    public int checkIn(String id) {
        return azure.runCustomData(id);
    }

    @Override
    public void settle() {
        azure.settle();
    }

    @Override
    public void close() {
        azure.close();
    }
}
