package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SharedApp;

/** After signing in, {@code next} never leads off the site, whatever open-redirect trick it carries. */
class SafeRedirectTest {
    /** Known open-redirect payloads (from the usual cheat sheets), as they would arrive in the query. */
    static final List<String> PAYLOADS = List.of(
            "//evil.example", "///evil.example", "////evil.example", "/\\evil.example", "\\\\evil.example",
            "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "\t//evil.example",
            " //evil.example", "/\\/evil.example", "/\u0000/evil.example", "/\u3000/evil.example",
            "https://evil.example", "http:evil.example", "https:/evil.example", "javascript:alert(1)",
            "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "evil.example", "@evil.example",
            "/%0d/evil.example", ".//evil.example", "%2f%2fevil.example", "/.\\evil.example",
            "https://skyhold.example@evil.example/", "//skyhold.example@evil.example", "/\u2028/evil.example",
            "\u0001//evil.example", "/\u00A0/evil.example", "//evil.example/%2F..");

    static final URI SITE = URI.create("https://skyhold.example/login");

    /**
     * Where a browser goes for a Location header, as far as it matters here: WHATWG URL parsing strips leading
     * and trailing C0 controls and spaces, removes tabs and line breaks anywhere, and reads {@code \} as {@code /}.
     */
    static String browserTarget(String location) {
        String s = location.replaceAll("^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$", "")
                .replaceAll("[\\t\\n\\r]", "").replace('\\', '/');
        if (s.startsWith("//")) {
            return "other host";
        }
        if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return s.toLowerCase().startsWith("https://skyhold.example/") ? "site" : "other scheme or host";
        }
        return s.startsWith("/") ? "site" : "relative";
    }

    @TestFactory
    Stream<DynamicTest> everyKnownOpenRedirectPayloadStaysOnTheSite() {
        return PAYLOADS.stream().map(p -> DynamicTest.dynamicTest(p.replaceAll("\\p{Cntrl}", "^"), () -> {
            String next = SafeRedirect.of(p);
            assertThat(browserTarget(next)).isEqualTo("site");
            assertThat(next).as("nothing that leaves the site survives as it was").isIn("/", p);
        }));
    }

    @Test
    void aLocalPathWithItsQueryIsKept() {
        assertThat(SafeRedirect.of("/zones/3?tab=agents#x")).isEqualTo("/zones/3?tab=agents#x");
        assertThat(SafeRedirect.of("/")).isEqualTo("/");
        assertThat(SafeRedirect.of(null)).isEqualTo("/");
    }

    @TestFactory
    Stream<DynamicTest> theSignInFormRedirectsEveryPayloadOnTheSite() {
        TestApp app = SharedApp.get();
        return PAYLOADS.stream().map(p -> DynamicTest.dynamicTest(p.replaceAll("\\p{Cntrl}", "^"), () -> {
            String body = "username=admin&password=" + URLEncoder.encode(TestApp.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                    + "&next=" + URLEncoder.encode(p, StandardCharsets.UTF_8);
            HttpResponse<String> r = TestApp.send(HttpRequest.newBuilder(app.url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(browserTarget(r.headers().firstValue("Location").orElseThrow())).isEqualTo("site");
        }));
    }
}
