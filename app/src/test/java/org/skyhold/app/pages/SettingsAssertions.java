package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.FieldType;

/**
 * Fills settings forms from a field catalog and checks what a page (or the JSON API) shows for each field: the
 * saved value for ordinary fields, and for secrets only that they are set.
 */
final class SettingsAssertions {
    static final String SECRET_SET = "set — leave empty to keep";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsAssertions() {
    }

    /** Types every field of {@code specs} into the form; {@code values} must hold a value for each. */
    static void fill(PageForm form, List<FieldSpec> specs, Map<String, String> values) {
        for (FieldSpec spec : specs) {
            assertThat(values).as("the sample has a value for " + spec.name()).containsKey(spec.name());
            form.set(spec.name(), values.get(spec.name()));
        }
    }

    /**
     * The page's settings form shows every non-secret field as {@code typed} (as stored: trimmed, compact JSON)
     * and every secret as set, with no trace of any secret's value anywhere in the page.
     */
    static void assertFormShows(PageClient.Page page, List<FieldSpec> specs, Map<String, String> typed) {
        PageForm form = page.form("#settings");
        for (FieldSpec spec : specs) {
            Element c = form.control(spec.name());
            assertThat(c.id()).as("id of " + spec.name()).isEqualTo(spec.name());
            if (spec.secret()) {
                assertSecretShownAsSet(page, c, spec, typed.get(spec.name()));
                continue;
            }
            String expected = stored(spec, typed.get(spec.name()));
            switch (c.tagName()) {
                case "select" -> {
                    Element chosen = c.selectFirst("option[selected]");
                    assertThat(chosen == null ? null : chosen.attr("value")).as(spec.name()).isEqualTo(expected);
                }
                case "textarea" -> assertSame(spec, c.wholeText(), expected);
                default -> {
                    if ("checkbox".equals(c.attr("type"))) {
                        assertThat(c.hasAttr("checked")).as(spec.name() + " checked").isEqualTo("true".equals(expected));
                    } else {
                        assertThat(c.attr("value")).as(spec.name()).isEqualTo(expected);
                    }
                }
            }
        }
        for (String marker : SampleSettings.SECRET_MARKERS) {
            assertThat(page.body()).as("page shows no secret").doesNotContain(marker);
        }
    }

    /** The JSON API's object holds every non-secret field as {@code typed} and every secret as set. */
    static void assertJsonShows(JsonNode body, List<FieldSpec> specs, Map<String, String> typed) {
        for (FieldSpec spec : specs) {
            JsonNode node = body.get(spec.name());
            assertThat(node).as(spec.name() + " in " + body).isNotNull();
            if (spec.secret()) {
                assertThat(node.path("set").asBoolean()).as(spec.name() + " is set").isTrue();
            } else {
                String shown = node.isContainerNode() ? node.toString() : node.asText();
                assertSame(spec, shown, stored(spec, typed.get(spec.name())));
            }
        }
    }

    private static void assertSecretShownAsSet(PageClient.Page page, Element c, FieldSpec spec, String value) {
        if (c.tagName().equals("textarea")) {
            assertThat(c.wholeText()).as(spec.name() + " is never filled in").isEmpty();
        } else {
            assertThat(c.attr("type")).as(spec.name() + " input type").isEqualTo("password");
            assertThat(c.attr("value")).as(spec.name() + " is never filled in").isEmpty();
        }
        assertThat(c.attr("placeholder")).as(spec.name() + " placeholder").isEqualTo(SECRET_SET);
        Element state = page.doc().getElementById("state-" + spec.name());
        assertThat(state).as(spec.name() + " says it is set").isNotNull();
        assertThat(state.text()).isEqualTo(SECRET_SET);
        if (value != null) {
            assertThat(page.body()).as(spec.name() + "'s value is not in the page").doesNotContain(value.trim());
        }
    }

    /** How the server stores what was typed: the parser trims one-line values and ends PEM text with a newline. */
    private static String stored(FieldSpec spec, String typed) {
        return switch (spec.type()) {
            case MULTILINE -> typed.replace("\r\n", "\n");
            case PEM_CERTIFICATE, PEM_PRIVATE_KEY -> typed.trim() + "\n";
            default -> typed.trim();
        };
    }

    /** Equal as text, or as JSON for JSON fields (the server stores JSON compact). */
    private static void assertSame(FieldSpec spec, String shown, String expected) {
        if (isJson(spec.type())) {
            assertThat(tree(shown)).as(spec.name()).isEqualTo(tree(expected));
        } else {
            assertThat(shown).as(spec.name()).isEqualTo(expected);
        }
    }

    private static boolean isJson(FieldType type) {
        return switch (type) {
            case STRING_LIST, STRING_MAP, KEY_VALUE_LIST, JSON_OBJECT, JSON_OBJECT_LIST, SERVICE_ACCOUNT_JSON -> true;
            default -> false;
        };
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
