package org.skyhold.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.skyhold.app.web.RouteInfo;

/**
 * Every JSON write (POST and PUT in the route table, the deleting ones aside) given random and boundary values,
 * wrong types, unknown and duplicate keys, malformed and huge bodies, invalid UTF-8: the answer is 2xx, or a 4xx
 * whose errors each say what is wrong (naming the field when the body was a JSON object), never a 5xx; and a
 * refused write leaves every settings table as it was.
 */
class JsonApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static FuzzApp fuzz;
    static List<RouteInfo> writes;

    @BeforeContainer
    static void start() {
        fuzz = new FuzzApp();
        writes = fuzz.writes(true);
        assertThat(writes).as("the JSON writes of the route table").hasSizeGreaterThan(10);
    }

    @AfterContainer
    static void stop() {
        fuzz.close();
    }

    @Provide
    Arbitrary<RouteInfo> route() {
        return Arbitraries.of(writes);
    }

    @Provide
    Arbitrary<String> contentType() {
        return Arbitraries.frequency(Tuple.of(12, "application/json"),
                Tuple.of(1, "application/json; charset=utf-8"), Tuple.of(1, "text/plain"));
    }

    @Provide
    Arbitrary<FuzzInput.Body> body() {
        return FuzzInput.jsonBody();
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void everyJsonWriteAnswersTwoHundredsOrAFourHundredThatSaysWhatIsWrongAndNothingHalfSaved(
            @ForAll("route") RouteInfo route, @ForAll("contentType") String contentType,
            @ForAll("body") FuzzInput.Body body) throws Exception {
        String path = fuzz.path(route);
        String before = fuzz.snapshot();

        HttpResponse<String> answer = fuzz.sendJson(route.method().name(), path, contentType, body.bytes());

        String what = route.method() + " " + path + " " + contentType + " " + body + " -> " + answer.statusCode()
                + " " + answer.body();
        assertThat(answer.statusCode()).as(what).isBetween(200, 499);
        if (answer.statusCode() >= 400) {
            assertThat(fuzz.snapshot()).as("nothing saved by a refused " + what).isEqualTo(before);
            JsonNode errors = JSON.readTree(answer.body()).path("errors");
            assertThat(errors.isArray() && !errors.isEmpty()).as("errors listed: " + what).isTrue();
            for (JsonNode e : errors) {
                assertThat(e.path("message").asText()).as("each error says what is wrong: " + what).isNotBlank();
                if (answer.statusCode() == 400 && body.jsonObject() && contentType.startsWith("application/json")) {
                    assertThat(e.path("field").isTextual()).as("a refused field is named: " + what).isTrue();
                }
            }
        }
    }
}
