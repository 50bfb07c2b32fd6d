package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.skyhold.app.TestApp;
import org.skyhold.app.web.SecurityFilter;

/**
 * A browser stand-in for page tests: signs in through the real login form, keeps the session cookie, reads
 * pages with Jsoup and submits their forms the way a browser does (see {@link PageForm}).
 */
final class PageClient {
    private final TestApp app;
    private final String cookie;

    private PageClient(TestApp app, String cookie) {
        this.app = app;
        this.cookie = cookie;
    }

    /** A page as the server answered it; {@code doc} is parsed from {@code body}. */
    record Page(int status, String body, Document doc, String location) {
        PageForm form(String css) {
            Element form = doc.selectFirst(css);
            assertThat(form).as("form " + css + " on the page").isNotNull();
            return new PageForm(form);
        }

        /** The text shown in the field's error span, or null when there is none. */
        String errorOf(String field) {
            Element e = doc.getElementById("error-" + field);
            return e == null ? null : e.text();
        }

        String notice() {
            Element e = doc.selectFirst("p.notice");
            return e == null ? null : e.text();
        }
    }

    static PageClient signIn(TestApp app) {
        return signIn(app, TestApp.ADMIN_PASSWORD);
    }

    /** Signs in through {@code POST /login} and keeps the session cookie it sets. */
    static PageClient signIn(TestApp app, String password) {
        HttpResponse<String> r = post(app, "/login", null, List.of(Map.entry("username", "admin"),
                Map.entry("password", password), Map.entry("next", "/")));
        assertThat(r.statusCode()).as("sign-in answer: " + r.body()).isEqualTo(303);
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SecurityFilter.SESSION_COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers()));
        return new PageClient(app, cookie);
    }

    Page get(String path) {
        return page(TestApp.send(HttpRequest.newBuilder(app.url(path)).header("Cookie", cookie).GET().build()));
    }

    /** Submits the form with the values its controls hold now, to its action, with its method. */
    Page submit(PageForm form) {
        List<Map.Entry<String, String>> data = form.data();
        if ("get".equalsIgnoreCase(form.method())) {
            return get(form.action() + "?" + encode(data));
        }
        return page(post(app, form.action(), cookie, data));
    }

    /** Posts raw fields, for requests a page would not send (a missing CSRF token, say). */
    Page post(String path, List<Map.Entry<String, String>> data) {
        return page(post(app, path, cookie, data));
    }

    private static HttpResponse<String> post(TestApp app, String path, String cookie,
                                             List<Map.Entry<String, String>> data) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(data)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return TestApp.send(b.build());
    }

    private static Page page(HttpResponse<String> r) {
        return new Page(r.statusCode(), r.body(), Jsoup.parse(r.body()), r.headers().firstValue("Location").orElse(null));
    }

    private static String encode(List<Map.Entry<String, String>> data) {
        return data.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
