package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The page's HTML needs nothing the Content-Security-Policy ({@code script-src 'self'; style-src 'self'}) would
 * block: no inline script, no style element or attribute, no event-handler attribute.
 */
final class CspAssertions {
    private CspAssertions() {
    }

    static void assertNoInlineScriptOrStyle(Document doc) {
        assertThat(doc.select("script:not([src])")).as("inline scripts").isEmpty();
        assertThat(doc.select("style")).as("style elements").isEmpty();
        assertThat(doc.select("[style]")).as("style attributes").isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("event handler on <" + e.tagName() + ">").doesNotStartWith("on");
                assertThat(a.getValue().strip().toLowerCase()).as(a.getKey() + " of <" + e.tagName() + ">")
                        .doesNotStartWith("javascript:");
            }
        }
    }
}
