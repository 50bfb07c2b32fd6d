package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.providers.aws.FakeAwsServer;
import org.skyhold.providers.aws.FakeEc2;

/**
 * Two Skyhold managers on one PostgreSQL: one acts per zone, the other takes over when it goes away, and when both
 * pass the same zones at the same moment under load, the cloud is asked for each VM once.
 */
class TwoManagersTest {
    static final String AMI = "ami-0abcdef1234567890";
    static final String SUBNET = "subnet-0123abcd";
    static final String SG = "sg-0123456789abcdef0";
    static final int ZONES = 8;
    static final int ROUNDS = 5;

    private static Map<String, String> env(String databaseUrl, String manager) {
        Map<String, String> env = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        env.put("SKYHOLD_DATABASE_URL", databaseUrl);
        env.put("SKYHOLD_MANAGER_ID", manager);
        // every manager sharing a database needs the installation's master key (README, "Running several managers")
        env.put("SKYHOLD_MASTER_KEY", SHARED_KEY);
        return env;
    }

    private static final String SHARED_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void neverBothActOnAZoneAndTheSecondTakesOverWhenTheFirstStops() {
        String db = TestApp.env(TestApp.newDataDir()).get("SKYHOLD_DATABASE_URL");
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
        Scenario first = Scenario.start(env(db, "manager-a"), clock);
        try (Scenario second = Scenario.start(env(db, "manager-b"), clock)) {
            long zone = first.zone(Map.of("standby_cores", 8));
            first.simProvider(zone, Map.of("sim_boot_seconds", 3000));
            for (int i = 0; i < 5; i++) {
                first.step(zone);
                second.step(zone);
            }
            assertThat(first.agents(zone)).as("the capacity was ordered once, not by both").hasSize(2);
            var primary = second.api.get("/api/v1/zones/" + zone + "/plan").body().get("primary");
            assertThat(primary.get("manager_id").asText()).isEqualTo("manager-a");
            assertThat(second.page("/zones/" + zone)).contains("Primary manager: manager-a");

            first.close();
            second.step(zone);
            assertThat(second.api.get("/api/v1/zones/" + zone + "/plan").body().get("primary").get("manager_id")
                    .asText()).isEqualTo("manager-b");
            assertThat(second.agents(zone)).hasSize(2);
        } finally {
            first.close();
        }
    }

    private static void awsProvider(Scenario s, long zone, FakeEc2 ec2) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "aws", "name", "aws-" + System.nanoTime(),
                "max_instances", 2 * ROUNDS, "endpoint_override", ec2.endpoint(),
                "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_secret_access_key", FakeAwsServer.SECRET_ACCESS_KEY, "aws_region", "eu-west-1",
                "aws_ec2_ami_id", AMI, "aws_ec2_instance_type", "m5.xlarge"));
        body.putAll(Map.of("aws_ec2_subnet_id", SUBNET, "aws_ec2_security_group_ids", "[\"" + SG + "\"]"));
        var answer = s.api.post("/api/v1/zones/" + zone + "/vm-providers", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    }

    /**
     * Both managers pass every zone at the same moment, round after round, while the standby grows and every
     * other round the leases lapse so that the managers race to take them; the fake EC2 both call counts the
     * VMs. A manager that acted on a zone it does not hold (or a cap counted outside the provider's lock) orders
     * capacity the other ordered too, and this count shows it.
     */
    @Test
    void twoManagersPassingTheSameZonesAtOnceUnderLoadAskTheCloudForEachVmOnce() throws Exception {
        String db = TestApp.env(TestApp.newDataDir()).get("SKYHOLD_DATABASE_URL");
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(2 * ZONES);
        try (FakeEc2 ec2 = new FakeEc2().image(AMI, "/dev/xvda").subnet(SUBNET).securityGroup(SG)
                .instanceType("m5.xlarge", 4, 16384, 0);
             Scenario a = Scenario.start(env(db, "manager-a"), clock);
             Scenario b = Scenario.start(env(db, "manager-b"), clock)) {
            List<Long> zones = new ArrayList<>();
            for (int i = 0; i < ZONES; i++) {
                long zone = a.zone(Map.of("standby_cores", 0));
                awsProvider(a, zone, ec2);
                zones.add(zone);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (long zone : zones) {
                    Scenario via = zone % 2 == 0 ? a : b; // settings reach both managers' loops
                    assertThat(via.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 4 * round)).status())
                            .isEqualTo(200);
                }
                if (round % 2 == 0) {
                    clock.advance(Duration.ofSeconds(16)); // every lease lapses: both managers race for each zone
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> passes = new ArrayList<>();
                for (Scenario manager : List.of(a, b)) {
                    for (long zone : zones) {
                        passes.add(pool.submit(() -> {
                            go.await();
                            manager.app.engine().loop.runZone(zone);
                            return null;
                        }));
                    }
                }
                go.countDown();
                for (Future<?> pass : passes) {
                    pass.get(60, TimeUnit.SECONDS);
                }
                a.settle();
                b.settle();
            }

            // a create that answered after its lease had passed is not written by its manager: the zone's new
            // holder adopts its VM from the cloud's tags once the pending grace has passed
            clock.advance(Duration.ofMinutes(3));
            for (int i = 0; i < 2; i++) {
                for (long zone : zones) {
                    a.step(zone);
                    b.step(zone);
                }
            }

            int needed = ZONES * ROUNDS; // each round adds 4 cores of standby: one 4-core agent per zone
            Set<String> tokens = new HashSet<>();
            ec2.calls("RunInstances").forEach(c -> tokens.add(c.params().get("ClientToken")));
            assertThat(tokens).as("each agent's create asked of EC2 by one manager").hasSize(needed);
            assertThat(ec2.instances()).as("one VM per agent the standby needs, none twice").hasSize(needed);
            for (long zone : zones) {
                assertThat(a.agents(zone)).as("zone %d", zone).hasSize(ROUNDS)
                        .allSatisfy(agent -> assertThat(agent.instanceId()).isNotNull());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aManagerThatStopsRenewingIsReplacedOnceItsLeaseExpires() {
        try (Scenario s = Scenario.start()) {
            long zone = s.zone(Map.of("standby_cores", 4));
            var leases = s.app.repositories().leases();
            Instant t = s.clock.instant();
            // another manager took the lease (once ours had lapsed) and then died without a word
            assertThat(leases.acquire(zone, "crashed-manager", t.plusSeconds(16), t.plusSeconds(31))).isPresent();
            s.simProvider(zone, Map.of("sim_boot_seconds", 3000));

            s.step(zone);
            assertThat(s.agents(zone)).as("nothing happens while the dead manager's lease lives").isEmpty();
            s.clock.advance(Duration.ofSeconds(30));
            s.step(zone);
            assertThat(s.agents(zone)).as("still within its lease").isEmpty();
            s.clock.advance(Duration.ofSeconds(1));
            s.step(zone);
            assertThat(s.agents(zone)).hasSize(1);
            assertThat(leases.find(zone).orElseThrow().managerId()).isEqualTo(s.app.engine().loop.managerId());
        }
    }
}
