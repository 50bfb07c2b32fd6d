package org.skyhold.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.SkyholdProcess;
import org.skyhold.app.TestApp;
import org.skyhold.app.config.FailpointSettings;
import org.skyhold.app.engine.HaltOnFailpoint;
import org.skyhold.domain.engine.Failpoints;
import org.skyhold.persistence.TestDatabase;

/**
 * The crash test of issue 18: for each failpoint, the real app in a process of its own against the fake EC2 and
 * Route 53 (in this JVM, so they outlive it), armed at that point and killed there with {@code kill -9}
 * semantics, then started again on the same database without failpoints. Once it has had its recovery time,
 * nothing may be left behind ({@link LeakCounts}) and the zone's plan must order nothing more.
 *
 * <p>Every build runs {@link #SMOKE} (one create point, one destroy point); {@code -Preliability} runs every point
 * ({@code -Dcrash.points=all}, or a comma-separated list of names; {@code -Dcrash.at=N} fires every point at its
 * N-th hit instead of the case's own). Each case prints one summary line and appends
 * it to {@code target/reliability/crash.tsv} (docs/reliability.md takes its figures from there).
 */
class CrashRecoveryTest {
    private static final String MASTER_KEY = "3f1c0e6a9b2d4c5e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e";
    /** Recovery's waits in the test, far below production's (README: 120 s, 60 s, 600 s). */
    static final int PENDING_GRACE = 5;
    static final int SWEEP_INTERVAL = 2;
    static final int SWEEP_GRACE = 5;
    /** How long the restarted process has to leave nothing behind. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Path TSV = Path.of("target", "reliability", "crash.tsv");

    /** What the test does to reach a point: the steps of a scale-up, a scale-down, or of staged sessions. */
    enum Phase { CREATE, DESTROY, STAGE, CLAIM, END }

    /** A failpoint, the hit it fires at (past the first, so the crash lands mid-fleet where it can), its phase. */
    record Case(String point, int at, Phase phase) {
        String spec() {
            return point + "=exit@" + at;
        }

        @Override
        public String toString() {
            return spec();
        }
    }

    static final List<Case> ALL = List.of(
            new Case(Failpoints.CREATE_AFTER_PENDING_ROW, 1, Phase.CREATE),
            new Case(Failpoints.CREATE_AFTER_CLOUD_ACCEPTED, 2, Phase.CREATE),
            new Case(Failpoints.CREATE_AFTER_INSTANCE_ID_RECORDED, 2, Phase.CREATE),
            new Case(Failpoints.CREATE_AFTER_DNS_WRITTEN, 2, Phase.CREATE),
            new Case(Failpoints.DESTROY_AFTER_DNS_DELETE, 2, Phase.DESTROY),
            new Case(Failpoints.DESTROY_AFTER_VM_DELETE, 2, Phase.DESTROY),
            new Case(Failpoints.DESTROY_BEFORE_ROW_FINAL, 2, Phase.DESTROY),
            new Case(Failpoints.STAGED_AFTER_ROW, 2, Phase.STAGE),
            new Case(Failpoints.STAGED_AFTER_CLAIM, 1, Phase.CLAIM),
            new Case(Failpoints.STAGED_AFTER_END, 1, Phase.END));
    static final List<String> SMOKE = List.of(Failpoints.CREATE_AFTER_CLOUD_ACCEPTED,
            Failpoints.DESTROY_AFTER_VM_DELETE);

    static Stream<Case> cases() {
        String which = System.getProperty("crash.points", "smoke").trim();
        List<String> names = which.equals("all") ? Failpoints.NAMES
                : which.equals("smoke") || which.isEmpty() ? SMOKE : Arrays.asList(which.split("\\s*,\\s*"));
        assertThat(Failpoints.NAMES).as("-Dcrash.points").containsAll(names);
        assertThat(ALL.stream().map(Case::point)).as("every failpoint has a case").containsExactlyElementsOf(
                Failpoints.NAMES);
        String at = System.getProperty("crash.at", "").trim();
        return ALL.stream().filter(c -> names.contains(c.point()))
                .map(c -> at.isEmpty() ? c : new Case(c.point(), Integer.parseInt(at), c.phase()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aKillAtTheFailpointLeavesNothingBehindOnceTheRestartedManagerHasRecovered(Case c) throws Exception {
        Map<String, String> env = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        // one port for both processes: the agents' check-in and heartbeat URLs name it, as a real public URL would
        env.put("SKYHOLD_PORT", Integer.toString(freePort()));
        env.put("SKYHOLD_MASTER_KEY", MASTER_KEY);
        env.put("SKYHOLD_PENDING_GRACE_SECONDS", Integer.toString(PENDING_GRACE));
        env.put("SKYHOLD_SWEEP_INTERVAL_SECONDS", Integer.toString(SWEEP_INTERVAL));
        env.put("SKYHOLD_SWEEP_GRACE_SECONDS", Integer.toString(SWEEP_GRACE));
        Map<String, String> armed = new HashMap<>(env);
        armed.put(FailpointSettings.ENABLE, "true");
        armed.put(FailpointSettings.LIST, c.spec());
        long started = System.nanoTime();
        try (FakeAwsFleet fleet = new FakeAwsFleet();
             Connection db = DriverManager.getConnection(env.get("SKYHOLD_DATABASE_URL"),
                     TestDatabase.server().user(), TestDatabase.server().password())) {
            long zone;
            int status;
            boolean fired;
            try (SkyholdProcess first = SkyholdProcess.start(armed)) {
                mark(c, "armed process ready", started);
                assertThat(first.said("Failpoints armed")).as(first.output()).isTrue();
                ProcessApi api = new ProcessApi(first);
                zone = configure(api, fleet, c.phase());
                mark(c, "configured", started);
                provoke(c.phase(), api, db, zone);
                mark(c, "provoked", started);
                status = first.awaitExit(Duration.ofSeconds(90));
                fired = first.said("Skyhold failpoint " + c.point() + " fired");
                assertThat(status).as("exit status of the armed process; its output:\n%s", tail(first.output()))
                        .isEqualTo(HaltOnFailpoint.EXIT_STATUS);
                assertThat(fired).as(first.output()).isTrue();
            }
            LeakCounts atCrash = LeakCounts.measure(fleet, db, zone);
            mark(c, "halted", started);

            try (SkyholdProcess second = SkyholdProcess.start(env)) {
                long restarted = System.nanoTime();
                mark(c, "restarted", started);
                assertThat(second.said("Failpoints armed")).isFalse();
                ProcessApi api = new ProcessApi(second);
                LeakCounts counts;
                JsonNode plan;
                boolean recovered;
                String lastSeen = "";
                do {
                    Thread.sleep(250);
                    counts = LeakCounts.measure(fleet, db, zone);
                    plan = api.get("/api/v1/zones/" + zone + "/plan");
                    recovered = counts.zero() && nothingToDo(plan);
                    String now = counts + " " + plan.path("scale_up") + plan.path("scale_down") + plan.path("stage")
                            + plan.path("notes");
                    if (!now.equals(lastSeen)) {
                        mark(c, now, started);
                        lastSeen = now;
                    }
                } while (!recovered && System.nanoTime() - restarted < RECOVERY_LIMIT.toNanos());
                double seconds = (System.nanoTime() - restarted) / 1e9;
                String line = String.join("\t", c.point(), Integer.toString(c.at()), fired ? "yes" : "no",
                        recovered ? String.format(Locale.ROOT, "%.1f", seconds) : "not within "
                                + RECOVERY_LIMIT.toSeconds() + " s", counts.tsv(), atCrash.tsv(),
                        String.format(Locale.ROOT, "%.0f", (System.nanoTime() - started) / 1e9));
                summary(line);
                assertThat(recovered).as("%s: counts %s, plan %s\n%s", c, counts, plan, story(db, zone, fleet))
                        .isTrue();
            }
        }
    }

    /** The zone's plan orders nothing: the fleet is whole again (its standby met, its sessions staged). */
    private static boolean nothingToDo(JsonNode plan) {
        return Stream.of("scale_up", "scale_down", "drain", "stage").allMatch(k -> plan.path(k).isEmpty());
    }

    private static long configure(ProcessApi api, FakeAwsFleet fleet, Phase phase) {
        long dns = api.post("/api/v1/dns-providers", fleet.dnsProvider()).get("id").asLong();
        boolean staged = phase == Phase.STAGE || phase == Phase.CLAIM || phase == Phase.END;
        Map<String, Object> zone = new HashMap<>(Map.of("name", "crash", "scaling_enabled", true,
                "standby_cores", staged ? 8 : 12, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", FakeAwsFleet.BASE, "downscale_backoff", 1, "provision_timeout", 120,
                "agent_missing_after", 30, "agent_dead_after", 60));
        long id = api.post("/api/v1/zones", zone).get("id").asLong();
        if (staged) {
            long image = api.post("/api/v1/images", Map.of("name", "desk", "cores", 2, "gpus", 0, "memory_mb", 1024))
                    .get("id").asLong();
            api.post("/api/v1/zones/" + id + "/staging-configs", Map.of("image_id", image, "num_sessions", 2,
                    "expiration", 1));
        }
        api.post("/api/v1/zones/" + id + "/vm-providers", fleet.vmProvider(6));
        return id;
    }

    /** Leads the first process to the phase's failpoint (a scale-up or staging needs nothing more). */
    private static void provoke(Phase phase, ProcessApi api, Connection db, long zone) {
        switch (phase) {
            case DESTROY -> {
                await("three agents run, named in DNS", () -> count(db, "SELECT count(*) FROM agents WHERE zone_id = "
                        + zone + " AND state = 'running' AND dns_name IS NOT NULL") == 3);
                api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 4));
            }
            case CLAIM -> {
                await("two sessions are staged", () -> count(db, "SELECT count(*) FROM sessions WHERE zone_id = "
                        + zone + " AND state = 'staged'") == 2);
                JsonNode image = api.get("/api/v1/images").get(0);
                try {
                    api.post("/api/v1/sessions", Map.of("zone_id", zone, "image_id", image.get("id").asLong(),
                            "user", "ann"));
                } catch (UncheckedIOException expected) {
                    // the failpoint killed the process while it answered the claim
                }
            }
            case END -> {
                await("two sessions are staged", () -> count(db, "SELECT count(*) FROM sessions WHERE zone_id = "
                        + zone + " AND state = 'staged'") == 2);
                String agent = text(db, "SELECT agent_id FROM sessions WHERE zone_id = " + zone
                        + " AND state = 'staged' LIMIT 1");
                api.post("/api/v1/agents/" + agent + "/drain", Map.of());
            }
            default -> {
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int count(Connection db, String sql) {
        return Integer.parseInt(text(db, sql));
    }

    private static String text(Connection db, String sql) {
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the case's line and appends it to {@link #TSV}, with a header when the file is new. */
    private static synchronized void summary(String line) throws IOException {
        System.out.println("crash-test\t" + line);
        Files.createDirectories(TSV.getParent());
        if (!Files.exists(TSV)) {
            Files.writeString(TSV, "point\tat_hit\tfired\trecovery_s\tleaked_vms\tduplicate_vms\tdangling_dns"
                    + "\tstuck_agents\tsessions_on_gone_agents\tat_crash_leaked\tat_crash_duplicates\tat_crash_dangling"
                    + "\tat_crash_stuck\tat_crash_sessions\tcase_s\n");
        }
        Files.writeString(TSV, line + "\n", StandardOpenOption.APPEND);
    }

    /** The zone's agents, instances and events, for a case that did not recover. */
    private static String story(Connection db, long zone, FakeAwsFleet fleet) {
        StringBuilder out = new StringBuilder("agents:\n");
        rows(db, "SELECT id, state, instance_id, dns_name, last_error FROM agents WHERE zone_id = " + zone
                + " ORDER BY created_at", out);
        out.append("instances:\n");
        fleet.ec2.instances().forEach(i -> out.append("  ").append(i.id).append(' ').append(i.state()).append(' ')
                .append(i.tags.get("skyhold-agent")).append('\n'));
        out.append("records: ").append(fleet.r53.records(fleet.hosted)).append("\nevents:\n");
        rows(db, "SELECT at, agent_id, kind, reason FROM events WHERE zone_id = " + zone + " ORDER BY id", out);
        return out.toString();
    }

    private static void rows(Connection db, String sql, StringBuilder out) {
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.append(' ');
                for (int i = 1; i <= n; i++) {
                    out.append(' ').append(rs.getString(i));
                }
                out.append('\n');
            }
        } catch (SQLException e) {
            out.append("  (").append(e.getMessage()).append(")\n");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void mark(Case c, String stage, long started) {
        System.out.printf(Locale.ROOT, "crash-test %s: %s at %.1f s%n", c, stage, (System.nanoTime() - started) / 1e9);
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }
}
