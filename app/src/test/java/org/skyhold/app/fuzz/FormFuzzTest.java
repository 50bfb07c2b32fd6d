package org.skyhold.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.skyhold.app.web.RouteInfo;

/**
 * Every page form (POST routes of the pages, the deleting ones aside) given random fields and values, with and
 * without a valid CSRF token: the answer is a page (200, or 303 after a save) or a 4xx, never a 5xx, and a refused
 * form leaves every settings table as it was.
 */
class FormFuzzTest {
    static FuzzApp fuzz;
    static List<RouteInfo> forms;

    @BeforeContainer
    static void start() {
        fuzz = new FuzzApp();
        forms = fuzz.writes(false);
        assertThat(forms).as("the page forms of the route table").hasSizeGreaterThan(8);
    }

    @AfterContainer
    static void stop() {
        fuzz.close();
    }

    @Provide
    Arbitrary<RouteInfo> form() {
        return Arbitraries.of(forms);
    }

    @Provide
    Arbitrary<String> body() {
        return FuzzInput.formBody();
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void everyFormAnswersAPageOrAFourHundredAndARefusedOneSavesNothing(@ForAll("form") RouteInfo form,
                                                                        @ForAll("body") String body,
                                                                        @ForAll boolean withCsrf) {
        String path = fuzz.path(form);
        String before = fuzz.snapshot();
        String sent = withCsrf ? "_csrf=" + FuzzInput.enc(fuzz.csrf) + (body.isEmpty() ? "" : "&" + body) : body;

        HttpResponse<String> answer = fuzz.sendForm(path, sent);

        String what = "POST " + path + " " + sent.substring(0, Math.min(sent.length(), 300)) + " -> "
                + answer.statusCode() + " " + answer.body().substring(0, Math.min(answer.body().length(), 500));
        assertThat(answer.statusCode()).as(what).isBetween(200, 499);
        if (answer.statusCode() >= 400) {
            assertThat(fuzz.snapshot()).as("nothing saved by a refused " + what).isEqualTo(before);
        }
        if (!withCsrf) {
            assertThat(answer.statusCode()).as("a form without its CSRF token is refused (or too large to read): "
                    + what).isIn(403, 413);
        }
    }
}
