package org.skyhold.app.reliability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.skyhold.app.engine.Scenario;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Event;

/**
 * Runs one cell of the matrix on the in-process app: a zone whose standby wants three agents of a provider capped
 * at two, the fault armed on the create call while it scales up (instances boot and check in as they appear), then
 * armed on the delete call while it scales down to nothing, then the sweeper's grace period; and counts.
 */
final class FaultCell {
    static final int MAX_INSTANCES = 2;
    static final String CHECKIN = "#!/bin/sh\n# {server_id} on {zone_name}\n"
            + "curl -fsS -X POST -H 'Authorization: Bearer {checkin_token}' -H 'Content-Type: application/json' "
            + "-d '{{\"cores\":4,\"gpus\":0,\"memory_mb\":8192,\"hostname\":\"{server_hostname}\"}}' {checkin_url}\n";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int MAX_STEPS = 40;

    private final Scenario s;
    private final FaultCloud cloud;
    private final CloudFault fault;
    private final Set<String> checkedIn = new HashSet<>();
    private int steps;
    private int waits;

    FaultCell(Scenario s, FaultCloud cloud, CloudFault fault) {
        this.s = s;
        this.cloud = cloud;
        this.fault = fault;
    }

    FaultRow run() {
        long started = System.nanoTime();
        long zone = s.zone(Map.of("standby_cores", 12, "agent_cores_override", 4, "downscale_backoff", 60,
                "provision_timeout", 600));
        cloud.saveProvider(s, zone, MAX_INSTANCES, CHECKIN);

        fault.armCreate(cloud);
        for (int i = 0; i < MAX_STEPS && !(i > 2 && scaledUp(zone)); i++) {
            step(zone);
        }
        step(zone);
        int lost = lost(zone);
        int running = s.agents(zone, AgentState.RUNNING).size();

        fault.armDelete(cloud);
        var down = s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 0));
        if (down.status() != 200) {
            throw new AssertionError(down.raw());
        }
        for (int i = 0; i < MAX_STEPS && !(s.agents(zone).isEmpty() && cloud.live().isEmpty()
                && !cloud.faults().pending(cloud.deleteCall())); i++) {
            step(zone);
        }
        s.clock.advance(Duration.ofMinutes(11)); // past the sweeper's grace period of 10 minutes
        for (int i = 0; i < 3; i++) {
            step(zone);
        }
        System.out.println("fault matrix: " + cloud.kind() + " " + fault + ": " + steps + " steps, " + waits
                + " quarter-second waits, " + (System.nanoTime() - started) / 1e9 + " s");
        List<Event> events = s.app.repositories().events().list(zone, null, null, null, 1000);
        int delivered = cloud.faults().delivered().values().stream().mapToInt(Integer::intValue).sum();
        int duplicates = cloud.faults().createsByAgent().values().stream().mapToInt(n -> n - 1).sum();
        return new FaultRow(cloud.kind(), fault, MAX_INSTANCES, running, cloud.faults().peakLive(), duplicates, lost,
                cloud.live().size(), delivered, fault.shownBy(events, cloud).orElse(null),
                cloud.clientRetries(fault),
                (System.nanoTime() - started) / 1e9);
    }

    /** One pass of the zone, then what the cloud and the agents do: boot, check in, finish deletions. */
    private void step(long zone) {
        steps++;
        s.app.engine().loop.runZone(zone);
        settle();
        for (FaultCloud.Vm vm : cloud.live()) {
            if (!vm.running()) {
                cloud.boot(vm.id());
            }
        }
        for (FaultCloud.Vm vm : cloud.live()) {
            if (vm.running() && !checkedIn.contains(vm.id()) && cloud.checkIn(vm.id()) == 200) {
                checkedIn.add(vm.id());
            }
        }
        cloud.settle();
        s.clock.advance(STEP);
    }

    /**
     * Waits until the pass and the cloud calls it ordered are done, moving the clock a second for every quarter
     * second of waiting: a call the actuator holds back for a throttle's Retry-After waits for the clock, as it
     * would in real time.
     */
    private void settle() {
        for (int i = 0; i < 240; i++) {
            if (s.app.engine().loop.awaitIdle(Duration.ofMillis(250))) {
                return;
            }
            waits++;
            s.clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("the engine did not settle in a minute (cloud calls outstanding: "
                + s.app.engine().actuator.outstanding() + ")");
    }

    private boolean scaledUp(long zone) {
        return s.agents(zone, AgentState.RUNNING).size() == MAX_INSTANCES
                && !cloud.faults().pending(cloud.createCall());
    }

    /** Live agents without their instance, and live instances without their live agent. */
    private int lost(long zone) {
        List<Agent> agents = s.agents(zone);
        List<FaultCloud.Vm> vms = cloud.live();
        Set<String> vmIds = vms.stream().map(FaultCloud.Vm::id).collect(Collectors.toSet());
        Set<String> agentIds = agents.stream().map(Agent::id).collect(Collectors.toSet());
        long agentsWithoutVm = agents.stream().filter(a -> a.instanceId() == null || !vmIds.contains(a.instanceId()))
                .count();
        long vmsWithoutAgent = vms.stream().filter(v -> !agentIds.contains(v.agent())).count();
        return (int) (agentsWithoutVm + vmsWithoutAgent);
    }
}
