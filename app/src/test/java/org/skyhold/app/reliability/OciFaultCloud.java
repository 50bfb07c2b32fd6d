package org.skyhold.app.reliability;

import java.util.List;
import java.util.Map;
import org.skyhold.app.engine.Scenario;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.oci.FakeOci;
import org.skyhold.providers.oci.OciTestSettings;

/** OCI for the fault matrix: the tenancy of the kind's example settings. */
final class OciFaultCloud implements FaultCloud {
    private final FakeOci oci = FakeOci.start(OciTestSettings.publicKeyOf(SampleSettings.OCI_KEY)).sampleAccount();

    @Override
    public String kind() {
        return "oci";
    }

    @Override
    public Faults faults() {
        return oci.faults();
    }

    @Override
    public String createCall() {
        return "LaunchInstance";
    }

    @Override
    public String deleteCall() {
        return "TerminateInstance";
    }

    @Override
    public Fault serverError() {
        return Fault.error(500, "InternalServerError", "Internal server error.");
    }

    /** OCI throttles with 429 TooManyRequests and a Retry-After. */
    @Override
    public Fault throttle(int seconds) {
        return Fault.throttle(429, "TooManyRequests", "Too many requests for the tenancy.", seconds);
    }

    @Override
    public long saveProvider(Scenario s, long zone, int maxInstances, String startupScript) {
        return s.cloudProvider(zone, "oci", oci.endpoint(), Map.of("max_instances", maxInstances,
                "startup_script", startupScript)).id();
    }

    @Override
    public List<Vm> live() {
        return oci.live().stream().filter(i -> !i.state.equals("TERMINATING"))
                .map(i -> new Vm(i.id, i.tags().get("skyhold-agent"), i.state.equals("RUNNING"))).toList();
    }

    @Override
    public void boot(String id) {
        oci.boot(id);
    }

    @Override
    public int checkIn(String id) {
        return oci.runUserData(id);
    }

    @Override
    public void settle() {
        oci.settle();
    }

    @Override
    public void close() {
        oci.close();
    }
}
