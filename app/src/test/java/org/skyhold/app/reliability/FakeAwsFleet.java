package org.skyhold.app.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.skyhold.providers.aws.FakeAwsServer;
import org.skyhold.providers.aws.FakeEc2;
import org.skyhold.providers.aws.FakeRoute53;

/**
 * The fake EC2 and Route 53 in the test's JVM, so they outlive the Skyhold process a failpoint kills, and the
 * agents' side of the protocol played on them as real VMs would: an instance boots by itself shortly after its
 * launch, runs its startup script's check-in once Skyhold answers it, then sends heartbeats; terminations finish a
 * moment after they are asked. Calls that find Skyhold down are simply tried again on the next round.
 */
final class FakeAwsFleet implements AutoCloseable {
    static final String AMI = "ami-0abcdef1234567890";
    static final String SUBNET = "subnet-0123abcd";
    static final String SG = "sg-0123456789abcdef0";
    static final String BASE = "agents.crash.test";
    static final String CHECKIN = "#!/bin/sh\n# {server_id} on {zone_name}\n"
            + "curl -fsS -X POST -H 'Authorization: Bearer {checkin_token}' -H 'Content-Type: application/json' "
            + "-d '{{\"cores\":4,\"gpus\":0,\"memory_mb\":8192,\"hostname\":\"{server_hostname}\"}}' {checkin_url}\n";

    final FakeEc2 ec2 = new FakeEc2().image(AMI, "/dev/xvda").subnet(SUBNET).securityGroup(SG)
            .instanceType("m5.xlarge", 4, 16384, 0).autoBoot(Duration.ofMillis(300));
    final FakeRoute53 r53 = new FakeRoute53();
    final FakeRoute53.Zone hosted = r53.zone("crash.test", false);
    /** Instances whose check-in Skyhold answered (200) or refused for good (4xx): not tried again. */
    private final Set<String> checkedIn = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crash-test-agents");
        t.setDaemon(true);
        return t;
    });
    private long rounds;

    FakeAwsFleet() {
        agents.scheduleWithFixedDelay(this::round, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void round() {
        ec2.settle();
        for (FakeEc2.Instance i : ec2.live()) {
            if (i.state().equals("running") && !checkedIn.contains(i.id)) {
                try {
                    int status = ec2.runUserData(i.id);
                    if (status == 200 || status >= 400 && status < 500) {
                        checkedIn.add(i.id);
                    }
                } catch (RuntimeException e) {
                    // Skyhold is down (killed, or restarting): the script's curl would retry
                }
            }
        }
        if (++rounds % 5 == 0) {
            try {
                ec2.heartbeats();
            } catch (RuntimeException e) {
                // as above: the agent daemon keeps beating until Skyhold is back
            }
        }
    }

    /** The fields of an AWS VM provider pointed at the fake EC2, allowed {@code maxInstances}. */
    Map<String, Object> vmProvider(int maxInstances) {
        return Map.ofEntries(Map.entry("kind", "aws"), Map.entry("name", "aws-crash"),
                Map.entry("max_instances", maxInstances), Map.entry("startup_script", CHECKIN),
                Map.entry("endpoint_override", ec2.endpoint()),
                Map.entry("aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID),
                Map.entry("aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY),
                Map.entry("aws_region", "eu-west-1"), Map.entry("aws_ec2_ami_id", AMI),
                Map.entry("aws_ec2_instance_type", "m5.xlarge"), Map.entry("aws_ec2_subnet_id", SUBNET),
                Map.entry("aws_ec2_security_group_ids", "[\"" + SG + "\"]"));
    }

    /** The fields of a Route 53 DNS provider pointed at the fake. */
    Map<String, Object> dnsProvider() {
        return Map.of("kind", "route53", "name", "r53-crash", "endpoint_override", r53.endpoint(),
                "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY);
    }

    @Override
    public void close() {
        agents.shutdownNow();
        ec2.close();
        r53.close();
    }
}
