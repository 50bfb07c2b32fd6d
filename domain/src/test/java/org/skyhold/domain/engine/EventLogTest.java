package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.testkit.InMemoryDatabase;
import org.skyhold.domain.testkit.InMemoryEventRepository;

class EventLogTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void anEngineEventNamesTheManagerThatRecordedItSoTwoManagersActionsCanBeToldApart() {
        InMemoryEventRepository events = new InMemoryDatabase(Clock.fixed(T0, ZoneOffset.UTC)).events;
        new EventLog(events, "manager-a").record(T0, 7L, "ag1", "agent.created", "created agent ag1");
        new EventLog(events, "manager-b").record(T0, 7L, "ag2", "agent.created", "created agent ag2");

        assertThat(events.all()).extracting(e -> e.dataJson())
                .containsExactly("{\"manager\":\"manager-a\"}", "{\"manager\":\"manager-b\"}");
        assertThat(events.all()).allSatisfy(e -> assertThat(e.actor()).isEqualTo("system"));
    }

    @Test
    void aManagerIdIsWrittenAsValidJsonWhateverItHolds() {
        assertThat(EventLog.jsonString("host \"1\"\\\n")).isEqualTo("\"host \\\"1\\\"\\\\\\u000a\"");
    }

    @Test
    void withoutAManagerTheDataIsEmpty() {
        InMemoryEventRepository events = new InMemoryDatabase(Clock.fixed(T0, ZoneOffset.UTC)).events;
        new EventLog(events).record(T0, 7L, null, "provider.at_cap", "at its cap");
        assertThat(events.all()).singleElement().satisfies(e -> assertThat(e.dataJson()).isEqualTo("{}"));
    }
}
