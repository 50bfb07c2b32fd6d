package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.skyhold.app.engine.Scenario;

/** Reading the agents pages as an operator does: a row's cells by column, and the page's live region. */
final class AgentPageReading {
    private AgentPageReading() {
    }

    /** The text of one cell of the agent's row ({@code c-state}, {@code c-dns}, ...), asserting the row is there. */
    static String cell(PageClient.Page page, String agentId, String column) {
        Element row = page.doc().getElementById("agent-" + agentId);
        assertThat(row).as("a row for agent " + agentId + " in\n" + page.body()).isNotNull();
        return row.selectFirst("td." + column).text();
    }

    /** The ids of the agents listed, in page order. */
    static List<String> listed(PageClient.Page page) {
        return page.doc().select("#agents-live tbody tr").eachAttr("id").stream()
                .map(id -> id.substring("agent-".length())).toList();
    }

    /** Registers a static machine through the JSON API and returns its agent id. */
    static String staticAgent(Scenario s, long zone, String name) {
        var made = s.api.post("/api/v1/agents", Map.of("zone_id", zone, "name", name, "address", "10.0.0.9",
                "cores", 8, "gpus", 1, "memory_mb", 16384));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asText();
    }

    /** CSP allows no inline script or style: no script without src, no style attribute, no on* handler. */
    static void assertNoInlineScriptOrStyle(PageClient.Page page) {
        assertThat(page.doc().select("script:not([src])")).as("inline scripts").isEmpty();
        assertThat(page.doc().select("style, [style]")).as("inline styles").isEmpty();
        assertThat(page.doc().getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().toLowerCase().startsWith("on"))).as("inline event handlers").isEmpty();
    }
}
