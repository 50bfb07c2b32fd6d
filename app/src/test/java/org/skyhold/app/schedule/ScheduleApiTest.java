package org.skyhold.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SharedApp;

/** {@code /api/v1/zones/{id}/schedules} over HTTP on the real app and database. */
class ScheduleApiTest {
    static TestApp app;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
    }

    static Map<String, Object> office() {
        Map<String, Object> w = new HashMap<>(Map.of("name", "office", "days", List.of("mon", "tue", "wed", "thu",
                "fri"), "start", "09:00", "end", "18:00", "time_zone", "Europe/Berlin", "standby_cores", 32,
                "standby_gpus", 0, "standby_memory_mb", 0, "lead_minutes", 20, "drain_at_end", true));
        return w;
    }

    private static String path(long zone) {
        return "/api/v1/zones/" + zone + "/schedules";
    }

    private static void assertRefused(ApiClient.Answer a, String field, String messagePart) {
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.errorFields()).as(a.toString()).containsExactly(field);
        assertThat(a.body().get("errors").get(0).get("message").asText()).contains(messagePart);
    }

    @Test
    void aWindowIsCreatedReadChangedPartiallyAndDeleted() {
        long zone = SharedApp.newZone(api, "sched-crud");
        ApiClient.Answer created = api.post(path(zone), office());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode w = created.body();
        assertThat(w.get("days").toString()).isEqualTo("[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]");
        assertThat(w.get("start").asText()).isEqualTo("09:00");
        assertThat(w.get("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(w.get("lead_minutes").asInt()).isEqualTo(20);
        assertThat(w.get("drain_at_end").asBoolean()).isTrue();
        String one = path(zone) + "/" + w.get("id").asLong();
        assertThat(api.get(one).body()).isEqualTo(w);

        JsonNode changed = api.put(one, Map.of("standby_cores", 16, "days", "sat,sun")).body();
        assertThat(changed.get("standby_cores").asInt()).isEqualTo(16);
        assertThat(changed.get("days").toString()).isEqualTo("[\"sat\",\"sun\"]");
        assertThat(changed.get("end").asText()).as("left out keeps its value").isEqualTo("18:00");
        assertThat(api.get(path(zone)).body()).hasSize(1);

        assertThat(api.delete(one).status()).isEqualTo(204);
        assertThat(api.get(one).status()).isEqualTo(404);
        assertThat(api.get(path(zone)).body()).isEmpty();
    }

    @Test
    void eachBadFieldIsRefusedByNameAndNothingIsSaved() {
        long zone = SharedApp.newZone(api, "sched-bad");
        Map<String, Object[]> cases = Map.of(
                "days", new Object[] {List.of("mon", "funday"), "\"funday\" is not a day"},
                "start", new Object[] {"9am", "is not a time of day as HH:MM"},
                "end", new Object[] {"25:00", "is not a time of day as HH:MM"},
                "time_zone", new Object[] {"Mars/Olympus", "is not an IANA time zone"},
                "standby_cores", new Object[] {-1, "must be between 0 and"},
                "lead_minutes", new Object[] {721, "must be between 0 and 720"},
                "drain_at_end", new Object[] {"maybe", "must be true or false"},
                "staged_sessions", new Object[] {List.of(Map.of("image_id", 999_999, "num_sessions", 2)),
                        "is not staged in this zone"});
        cases.forEach((field, c) -> {
            Map<String, Object> body = office();
            body.put(field, c[0]);
            assertRefused(api.post(path(zone), body), field, (String) c[1]);
        });
        Map<String, Object> unknown = office();
        unknown.put("colour", "blue");
        assertRefused(api.post(path(zone), unknown), "colour", "is not a field of a window");
        Map<String, Object> noDays = office();
        noDays.put("days", List.of());
        assertRefused(api.post(path(zone), noDays), "days", "needs at least one day");
        assertThat(api.get(path(zone)).body()).isEmpty();
    }

    @Test
    void anOverlappingWindowIsRefusedNamingBothOnCreateAndOnChangeAndNothingIsSaved() {
        long zone = SharedApp.newZone(api, "sched-overlap");
        assertThat(api.post(path(zone), office()).status()).isEqualTo(201);
        Map<String, Object> evening = office();
        evening.putAll(Map.of("name", "evening", "start", "17:00", "end", "22:00", "standby_cores", 8));
        ApiClient.Answer refused = api.post(path(zone), evening);
        assertRefused(refused, "start", "window \"evening\" overlaps window \"office\"");

        evening.put("start", "18:00");
        JsonNode saved = api.post(path(zone), evening).body();
        assertThat(saved.get("name").asText()).isEqualTo("evening");
        String one = path(zone) + "/" + saved.get("id").asLong();
        assertRefused(api.put(one, Map.of("start", "17:30")), "start", "overlaps window \"office\"");
        assertThat(api.get(one).body().get("start").asText()).as("nothing half-saved").isEqualTo("18:00");

        Map<String, Object> night = office();
        night.putAll(Map.of("name", "night", "start", "22:00", "end", "09:00"));
        assertThat(api.post(path(zone), night).status()).as("a night across midnight meets the morning exactly")
                .isEqualTo(201);
        Map<String, Object> sameName = office();
        sameName.putAll(Map.of("days", List.of("sat")));
        assertRefused(api.post(path(zone), sameName), "name", "already has a window of that name");
    }

    @Test
    void aWindowSetsTheStagedSessionsOfAnImageTheZoneStages() {
        long zone = SharedApp.newZone(api, "sched-staged");
        long image = api.post("/api/v1/images", Map.of("name", SharedApp.unique("img"), "cores", 1, "gpus", 0,
                "memory_mb", 512)).body().get("id").asLong();
        api.post("/api/v1/zones/" + zone + "/staging-configs", Map.of("image_id", image, "num_sessions", 1,
                "expiration", 8));
        Map<String, Object> w = office();
        w.put("staged_sessions", List.of(Map.of("image_id", image, "num_sessions", 6)));
        JsonNode saved = api.post(path(zone), w).body();
        assertThat(saved.get("staged_sessions").toString()).isEqualTo("[{\"image_id\":" + image
                + ",\"num_sessions\":6}]");
    }

    @Test
    void theZoneJsonSaysWhatIsInForceNow() {
        long zone = SharedApp.newZone(api, "sched-now");
        JsonNode plain = api.get("/api/v1/zones/" + zone).body().get("schedule_now");
        assertThat(plain.get("window").isNull()).isTrue();
        assertThat(plain.get("next_change_at").isNull()).isTrue();
        Map<String, Object> always = office();
        always.putAll(Map.of("days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "start", "00:00",
                "end", "00:00", "time_zone", "UTC", "standby_cores", 12));
        api.post(path(zone), always);
        JsonNode now = api.get("/api/v1/zones/" + zone).body().get("schedule_now");
        assertThat(now.get("window").asText()).isEqualTo("office");
        assertThat(now.get("standby_cores").asInt()).isEqualTo(12);
        assertThat(now.get("next_change_at").isNull()).as("a window that never closes never changes").isTrue();
    }

    @Test
    void anotherZonesWindowIsNotFound() {
        long a = SharedApp.newZone(api, "sched-a");
        long b = SharedApp.newZone(api, "sched-b");
        long id = api.post(path(a), office()).body().get("id").asLong();
        assertThat(api.get(path(b) + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(path(b) + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(path(a) + "/" + id).status()).isEqualTo(200);
    }
}
