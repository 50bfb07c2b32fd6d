package org.skyhold.app.reliability;

/**
 * What one (cloud, fault) cell of the matrix counted. {@code peakInstances} is the most instances the fake held
 * live at once against the provider's {@code maxInstances}; {@code duplicates} the instances made beyond one per
 * agent; {@code lostAgents} the live agents without their instance plus the instances without their live agent
 * once the zone had recovered; {@code leakedVms} the instances left after scale-down and the sweeper;
 * {@code running} how many agents ran after the scale-up (the cap, once recovered);
 * {@code faultsDelivered} how many requests met the fault; {@code event} the zone's event that shows it (null for
 * none); {@code clientRetried} that the cloud's client retries such a fault itself, so no event is expected when it
 * cured it.
 */
record FaultRow(String cloud, CloudFault fault, int maxInstances, int running, int peakInstances, int duplicates,
                int lostAgents, int leakedVms, int faultsDelivered, String event, boolean clientRetried,
                double seconds) {
    static final String HEADER = "cloud\tfault\truns\tmax_instances\trunning_after_up\tpeak_instances\tduplicates\tlost_agents"
            + "\tleaked_vms\tfaults_delivered\tfault_seen\tseconds\tevent";

    boolean exceeded() {
        return peakInstances > maxInstances;
    }

    String seen() {
        return !fault.expectsEvent() ? "n/a" : event != null ? "yes" : clientRetried ? "client retried" : "NO";
    }

    String tsv() {
        return String.join("\t", cloud, fault.label, "1", Integer.toString(maxInstances), Integer.toString(running),
                Integer.toString(peakInstances), Integer.toString(duplicates), Integer.toString(lostAgents),
                Integer.toString(leakedVms), Integer.toString(faultsDelivered), seen(),
                String.format("%.1f", seconds), event == null ? "" : event.replace('\t', ' ').replace('\n', ' '));
    }
}
