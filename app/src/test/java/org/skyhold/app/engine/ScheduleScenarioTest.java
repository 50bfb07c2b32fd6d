package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;

/**
 * A business-hours window on the real executor, PostgreSQL and the simulated cloud with a 10-minute boot: the
 * lead has the standby met when the window opens, and its end shrinks the zone without ending a session.
 */
class ScheduleScenarioTest {
    static Scenario s;

    @BeforeAll
    static void start() {
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static void at(long zone, String utc) {
        Duration d = Duration.between(s.clock.instant(), Instant.parse(utc));
        assertThat(d.isNegative()).as("the story only moves forward").isFalse();
        s.advance(zone, d);
    }

    private static long freeCores(long zone) {
        return s.app.engine().reconciler.dryRun(zone, s.clock.instant()).orElseThrow().free().cores();
    }

    @Test
    void aWindowWithALeadHasItsStandbyMetAtTheOpeningAndItsEndShrinksTheZoneWithoutEndingASession() {
        // the scenario clock starts on Tuesday 1 December 2026 at 08:00 UTC
        long zone = s.zone(Map.of("standby_cores", 0, "downscale_backoff", 300));
        long provider = s.simProvider(zone, Map.of("sim_boot_seconds", 600, "sim_cores", 4));
        var window = s.api.post("/api/v1/zones/" + zone + "/schedules", Map.of("name", "office", "days",
                List.of("mon", "tue", "wed", "thu", "fri"), "start", "09:00", "end", "18:00", "time_zone", "UTC",
                "standby_cores", 8, "lead_minutes", 20, "drain_at_end", true));
        assertThat(window.status()).as(window.toString()).isEqualTo(201);

        s.step(zone);
        assertThat(s.agents(zone)).as("before the lead, the zone's own standby of 0").isEmpty();
        at(zone, "2026-12-01T08:39:00Z");
        assertThat(s.agents(zone)).isEmpty();

        at(zone, "2026-12-01T08:40:00Z");
        assertThat(s.agents(zone)).as("20 minutes ahead, the window's 8 cores are ordered").hasSize(2);
        assertThat(s.eventReasons(zone, "plan")).anyMatch(r -> r.contains("+2 agents")
                && r.contains("ramping up for window \"office\" opening at 09:00 UTC (lead 20 min)"));

        at(zone, "2026-12-01T08:50:00Z");
        Scenario.await("both agents checked in after their 10-minute boot",
                () -> s.agents(zone, AgentState.RUNNING).size() == 2);
        assertThat(s.app.repositories().bootTimes().medianBootTimes(zone).get(provider))
                .as("the measured create-to-running time").isEqualTo(Duration.ofMinutes(10));

        at(zone, "2026-12-01T09:00:00Z");
        assertThat(freeCores(zone)).as("the standby is met when the window opens").isEqualTo(8);
        JsonNode now = s.api.get("/api/v1/zones/" + zone).body().get("schedule_now");
        assertThat(now.get("window").asText()).isEqualTo("office");
        assertThat(now.get("standby_cores").asInt()).isEqualTo(8);
        assertThat(now.get("next_change_at").asText()).isEqualTo("2026-12-01T18:00:00Z");
        assertThat(now.get("next_standby_cores").asInt()).isZero();
        assertThat(s.api.get("/api/v1/zones/" + zone + "/plan").body().get("window").asText()).isEqualTo("office");

        long image = s.image(2);
        var session = s.requestSession(zone, image, "ann");
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String sessionId = session.body().get("id").asText();
        String busyAgent = session.body().get("agent_id").asText();
        s.step(zone);
        assertThat(s.agents(zone)).as("the session's room is made up within the window").hasSize(3);
        at(zone, "2026-12-01T09:10:00Z");
        Scenario.await("the third agent runs", () -> s.agents(zone, AgentState.RUNNING).size() == 3);

        at(zone, "2026-12-01T17:59:00Z");
        assertThat(s.agents(zone)).hasSize(3);
        at(zone, "2026-12-01T18:00:00Z");
        Scenario.await("the idle agents are destroyed", () -> s.agents(zone).size() == 1);
        Agent busy = s.agents(zone).get(0);
        assertThat(busy.id()).isEqualTo(busyAgent);
        assertThat(busy.state()).as("the busy agent drains, taking no new session").isEqualTo(AgentState.DRAINING);
        assertThat(s.api.get("/api/v1/sessions/" + sessionId).body().get("state").asText())
                .as("no session was ended").isEqualTo("active");
        assertThat(s.eventReasons(zone, "agent.draining")).anyMatch(r -> r.contains("window \"office\" has closed"));

        assertThat(s.api.delete("/api/v1/sessions/" + sessionId).status()).isIn(200, 204);
        s.step(zone);
        Scenario.await("the drained agent goes once its last session ended", () -> s.agents(zone).isEmpty());

        // a lead shorter than the measured 10-minute boot would be late: the ramp starts a boot time ahead instead
        long windowId = window.body().get("id").asLong();
        assertThat(s.api.put("/api/v1/zones/" + zone + "/schedules/" + windowId, Map.of("lead_minutes", 5)).status())
                .isEqualTo(200);
        at(zone, "2026-12-02T08:49:00Z");
        assertThat(s.agents(zone)).isEmpty();
        at(zone, "2026-12-02T08:50:00Z");
        assertThat(s.agents(zone)).hasSize(2);
        assertThat(s.eventReasons(zone, "plan")).anyMatch(r -> r.contains("(lead 10 min, measured boot time 10 min)"));
        at(zone, "2026-12-02T09:00:00Z");
        Scenario.await("the standby is met at the opening", () -> s.agents(zone, AgentState.RUNNING).size() == 2);
        assertThat(freeCores(zone)).isEqualTo(8);
    }
}
