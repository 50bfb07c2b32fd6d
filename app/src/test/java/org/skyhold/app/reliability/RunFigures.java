package org.skyhold.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.providers.aws.FakeEc2;

/**
 * The figures of one run: what was done, how long failovers took, and the counts that must be 0. Printed, and
 * appended as a line to {@code target/reliability/managers.tsv} so runs can be compared.
 */
record RunFigures(int zones, int kills, double seconds, double warmUpSeconds, int sessionsPlaced, int sessionsFull,
                  int sessionsEnded, int unreachable, int checkIns, List<Double> failovers, long leaseTtlSeconds,
                  int doubleCreates, int repeatedCreateCalls, int doubleDeletes,
                  int deletesAskedAgainAfterATakeOver, int overCommitted, int sessionsLost,
                  int sessionsOnGoneAgents, int handovers, int unexplainedHandovers, double shortestHandoverGap,
                  int orphaned, int unnamedActions, Map<Integer, Integer> unexpectedAnswers,
                  List<Handovers.Handover> unexplained) {
    static final Path TSV = Path.of("target", "reliability", "managers.tsv");
    static final String HEADER = "date\tzones\tseconds\tkills\tsessions_placed\tfailover_min_s\tfailover_median_s"
            + "\tfailover_max_s\tlease_ttl_s\tdouble_creates\tdouble_deletes\tover_commits\tsessions_lost"
            + "\tunexplained_handovers";

    static RunFigures of(int zones, int kills, double seconds, double warmUp, SessionLoad load, BootedAgents booted,
                         FleetAudit audit, FakeEc2 ec2, Handovers handovers, List<Double> failovers,
                         Duration leaseTtl) {
        Map<String, Integer> instancesPerAgent = new HashMap<>();
        ec2.instances().forEach(i -> instancesPerAgent.merge(String.valueOf(i.tags.get("skyhold-agent")), 1,
                Integer::sum));
        int rowsSharingAVm = audit.agentsByInstance().values().stream().mapToInt(ids -> ids.size() - 1).sum();
        Map<String, Integer> asksPerToken = new HashMap<>();
        ec2.calls("RunInstances").forEach(c -> asksPerToken.merge(c.params().get("ClientToken"), 1, Integer::sum));
        Map<String, Integer> deletesPerInstance = new HashMap<>();
        ec2.calls("TerminateInstances").forEach(c -> c.params().forEach((k, v) -> {
            if (k.startsWith("InstanceId.")) {
                deletesPerInstance.merge(v, 1, Integer::sum);
            }
        }));
        // a destroy that a killed manager began and the survivor finished asks once more (the survivor cannot know
        // the first ask reached the cloud), as does one whose delete answered an error: counted apart
        Map<String, Integer> reasked = new HashMap<>();
        deletesPerInstance.entrySet().removeIf(e -> {
            if (e.getValue() < 2) {
                return false;
            }
            String agent = ec2.instance(e.getKey()).map(i -> i.tags.get("skyhold-agent")).orElse(null);
            List<String> events = agent == null ? List.of() : audit.agentEvents(agent);
            // a delete whose answer was an error (a call timeout under load: the cloud may have carried it out) is
            // asked again by design
            boolean handedOver = agent != null && audit.destroyedBy(agent).size() > 1
                    || events.stream().anyMatch(x -> x.startsWith("provider.error") && x.contains("could not delete"));
            if (handedOver) {
                reasked.put(e.getKey(), e.getValue());
            } else {
                System.out.println("  deleted " + e.getValue() + " times: " + e.getKey() + " (agent " + agent
                        + "):\n    " + String.join("\n    ", events));
            }
            return handedOver;
        });
        Map<Integer, Integer> unexpected = new HashMap<>();
        load.unexpected.forEach((status, n) -> unexpected.put(status, n.get()));
        return new RunFigures(zones, kills, seconds, warmUp, load.placed.get(), load.full.get(), load.ended.get(),
                load.unreachable.get(), booted.checkedIn(), List.copyOf(failovers), leaseTtl.toSeconds(),
                extra(instancesPerAgent) + rowsSharingAVm, extra(asksPerToken), extra(deletesPerInstance),
                extra(reasked),
                audit.overCommitted.size(), load.lost.get(), audit.sessionsOnGoneAgents.size(),
                handovers.all().size(), handovers.unexplained().size(), handovers.shortestGap().toMillis() / 1000.0,
                audit.count("agent.orphaned"), handovers.unnamed(), unexpected, handovers.unexplained());
    }

    private static int extra(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(n -> n - 1).sum();
    }

    double minFailover() {
        return failovers.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double maxFailover() {
        return failovers.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    double medianFailover() {
        List<Double> sorted = failovers.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    void print() {
        System.out.printf("""
                two managers under load: %d zones, %d kills, %.0f s (%.0f s to start both and run every zone's standby)
                  sessions: %d placed, %d answered 503 (no room yet), %d ended, %d calls to a killed manager retried
                  agents checked in: %d
                  failover (kill -> survivor holds the lease and runs a pass), %d zones: min %.1f s, median %.1f s,\
                 max %.1f s; lease TTL %d s
                  handovers %d (shortest gap between the two managers' actions on a zone %.1f s), unexplained %d
                  double creates %d (create calls repeated %d), double deletes %d (asked again by the survivor of\
                 a destroy the killed manager began, or after a delete that answered an error: %d)
                  over-committed agents %d, sessions lost %d, open sessions on gone agents %d, orphaned creates %d,\
                 unexpected answers %s
                """, zones, kills, seconds, warmUpSeconds, sessionsPlaced, sessionsFull, sessionsEnded, unreachable,
                checkIns,
                failovers.size(), minFailover(), medianFailover(), maxFailover(), leaseTtlSeconds, handovers,
                shortestHandoverGap, unexplainedHandovers, doubleCreates, repeatedCreateCalls, doubleDeletes,
                deletesAskedAgainAfterATakeOver,
                overCommitted, sessionsLost, sessionsOnGoneAgents, orphaned, unexpectedAnswers);
        unexplained.forEach(h -> System.out.println("  unexplained handover: " + Handovers.describe(h)));
    }

    void append() {
        try {
            Files.createDirectories(TSV.getParent());
            if (!Files.exists(TSV)) {
                Files.writeString(TSV, HEADER + "\n");
            }
            String line = String.join("\t", Instant.now().toString(), Integer.toString(zones),
                    String.format("%.0f", seconds), Integer.toString(kills),
                    Integer.toString(sessionsPlaced), String.format("%.1f", minFailover()),
                    String.format("%.1f", medianFailover()), String.format("%.1f", maxFailover()),
                    Long.toString(leaseTtlSeconds), Integer.toString(doubleCreates), Integer.toString(doubleDeletes),
                    Integer.toString(overCommitted), Integer.toString(sessionsLost),
                    Integer.toString(unexplainedHandovers));
            Files.writeString(TSV, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every count that must be 0 is 0, and the run did place sessions. */
    void assertClean() {
        assertThat(sessionsPlaced).as("sessions were placed").isPositive();
        assertThat(unnamedActions).as("every pass action names its manager").isZero();
        assertThat(doubleCreates).as("VMs created twice for one agent").isZero();
        assertThat(repeatedCreateCalls).as("create calls repeated for one agent (no fault was injected)").isZero();
        assertThat(doubleDeletes).as("VMs deleted twice").isZero();
        assertThat(overCommitted).as("agents whose sessions hold more than they have").isZero();
        assertThat(sessionsLost).as("sessions that could not be ended as placed").isZero();
        assertThat(sessionsOnGoneAgents).as("open sessions on agents being destroyed or gone").isZero();
        assertThat(unexplained).as("two managers acting on one zone without a kill between").isEmpty();
        assertThat(unexpectedAnswers).as("answers other than 201, 503 and 204").isEmpty();
    }
}
