package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;

class AccountPagesTest {
    static final String NEW_PASSWORD = "a different horse battery";
    static TestApp app;
    /** The admin's password now: the change test sets it, so the tests may run in any order. */
    static volatile String password = TestApp.ADMIN_PASSWORD;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aWrongCurrentPasswordIsRefusedBesideTheFieldAndNothingTypedIsShownAgain() {
        PageClient browser = PageClient.signIn(app, password);
        PageForm form = browser.get("/account").form("#change-password").set("current_password", "not my password")
                .set("new_password", "typed but refused 123").set("repeat_password", "typed but refused 123");

        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("current_password")).isEqualTo("Current password is not the current password");
        assertThat(refused.doc().select("#change-password input[type=password]").eachAttr("value"))
                .containsOnly("");
        assertThat(refused.body()).doesNotContain("typed but refused").doesNotContain("not my password");
        assertThat(browser.get("/account").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aChangeSignsEveryoneOutAndTheNewPasswordSignsIn() {
        PageClient browser = PageClient.signIn(app, password);
        PageForm form = browser.get("/account").form("#change-password").set("current_password", password)
                .set("new_password", NEW_PASSWORD).set("repeat_password", NEW_PASSWORD);

        PageClient.Page changed = browser.submit(form);
        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.location()).isEqualTo("/login?notice=password-changed");
        String oldPassword = password;
        password = NEW_PASSWORD;
        assertThat(browser.get("/login?notice=password-changed").notice()).startsWith("Password changed");

        PageClient.Page signedOut = browser.get("/account");
        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(signedOut.location()).startsWith("/login");
        assertThat(signIn(oldPassword)).as("the old password").isEqualTo(401);
        assertThat(PageClient.signIn(app, NEW_PASSWORD).get("/account").status()).isEqualTo(200);
    }

    private static int signIn(String pw) {
        String body = "username=admin&password=" + URLEncoder.encode(pw, StandardCharsets.UTF_8);
        return TestApp.send(HttpRequest.newBuilder(app.url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }
}
