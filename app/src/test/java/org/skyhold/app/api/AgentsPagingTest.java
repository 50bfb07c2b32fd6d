package org.skyhold.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SharedApp;

/** {@code GET /api/v1/agents} pages like the events: newest first, {@code limit}, then {@code before} the last id. */
class AgentsPagingTest {
    static TestApp app;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        api = new ApiClient(app);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    private static List<String> registerStatic(long zone, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var made = api.post("/api/v1/agents", Map.of("zone_id", zone, "name", "rack-" + i, "address",
                    "10.0.0." + (i + 1), "cores", 4, "gpus", 0, "memory_mb", 8192));
            assertThat(made.status()).as(made.raw()).isEqualTo(201);
            ids.add(made.body().get("id").asText());
        }
        return ids;
    }

    @Test
    void agentsArePagedNewestFirstByLimitAndBeforeAndEveryAgentIsListedOnce() {
        long zone = SharedApp.newZone(api, "paging");
        List<String> registered = registerStatic(zone, 5);

        List<String> seen = new ArrayList<>();
        String before = null;
        List<Integer> sizes = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            var answer = api.get("/api/v1/agents?zone_id=" + zone + "&limit=2" + (before == null ? "" : "&before="
                    + before));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            List<String> ids = ids(answer.body());
            sizes.add(ids.size());
            if (ids.isEmpty()) {
                break;
            }
            seen.addAll(ids);
            before = ids.get(ids.size() - 1);
        }
        assertThat(sizes).containsExactly(2, 2, 1, 0);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(registered).doesNotHaveDuplicates();
        assertThat(ids(api.get("/api/v1/agents?zone_id=" + zone).body()))
                .as("newest first, the first page by default").isEqualTo(seen);
    }

    @Test
    void aPageHoldsAHundredAgentsByDefaultAndAThousandAtMost() {
        long zone = SharedApp.newZone(api, "paging-big");
        var repo = app.skyhold.repositories().agents();
        var now = java.time.Instant.now();
        for (int i = 0; i < 1005; i++) {
            repo.insert(new org.skyhold.domain.model.Agent("agpage" + String.format("%06d", i), zone, null, false,
                    "bulk-" + i, org.skyhold.domain.model.AgentState.DESTROYED, null, "10.1.0.1", null, null, null,
                    org.skyhold.domain.model.Capacity.ZERO, now.plusMillis(i), now, null, null, now, null));
        }
        assertThat(api.get("/api/v1/agents?zone_id=" + zone).body().size()).isEqualTo(100);
        assertThat(api.get("/api/v1/agents?zone_id=" + zone + "&limit=5000").body().size()).isEqualTo(1000);
        assertThat(api.get("/api/v1/agents?zone_id=" + zone + "&limit=0").body().size()).isEqualTo(1);
        assertThat(ids(api.get("/api/v1/agents?zone_id=" + zone + "&limit=1").body()))
                .containsExactly("agpage001004");
    }

    @Test
    void aLimitThatIsNotANumberIsRefusedNamingTheField() {
        var refused = api.get("/api/v1/agents?limit=many");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("limit", "whole number");
    }
}
