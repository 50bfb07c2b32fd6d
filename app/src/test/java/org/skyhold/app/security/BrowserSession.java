package org.skyhold.app.security;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.skyhold.app.TestApp;

/** A browser's view of the app: signs in through the form, keeps the session cookie, reads the CSRF token. */
final class BrowserSession {
    final TestApp app;
    final String cookie;
    final HttpResponse<String> signIn;

    private BrowserSession(TestApp app, HttpResponse<String> signIn) {
        this.app = app;
        this.signIn = signIn;
        this.cookie = signIn.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';')))
                .orElseThrow(() -> new AssertionError("no session cookie: " + signIn.statusCode() + " " + signIn.body()));
    }

    static BrowserSession signIn(TestApp app) {
        return new BrowserSession(app, postForm(app, "/login", null, Map.of("username", "admin",
                "password", TestApp.ADMIN_PASSWORD, "next", "/")));
    }

    /** The CSRF token as the pages carry it: the hidden {@code _csrf} input of the sign-out form. */
    String csrfToken() {
        return Jsoup.parse(get("/").body()).select("form[action=/logout] input[name=_csrf]").attr("value");
    }

    HttpResponse<String> get(String path) {
        return TestApp.send(HttpRequest.newBuilder(app.url(path)).header("Cookie", cookie).GET().build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(app, path, cookie, fields);
    }

    static HttpResponse<String> postForm(TestApp app, String path, String cookie, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return TestApp.send(b.build());
    }
}
